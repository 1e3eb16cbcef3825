using System.Diagnostics;
using GitLabConnector.Connections;
using GitLabConnector.Hosting;
using GitLabConnector.Storage;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Makes the delivery that woke a cold instance cheap. While the server starts, it runs the ingestion code path once
/// on a canned payload (validation, identity, envelope: no I/O), so that code is compiled on the otherwise idle core
/// instead of on the first request. Right after the app listens, it loads the connection registry into
/// <see cref="ConnectionCache"/>, reads each active connection's webhook secrets (cached by version) and touches the
/// events queue, so the first delivery finds warm caches and open storage connections. Never delays readiness; any
/// failure only means deliveries read what they need themselves.
/// </summary>
public sealed class IngestionWarmUp(
    IConnectionStore store,
    ConnectionCache cache,
    WebhookSecretProvider secrets,
    IQueueService queues,
    IHostApplicationLifetime lifetime,
    IOptions<ConnectorOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    ILogger<IngestionWarmUp> logger) : BackgroundService
{
    /// <summary>Completes when the warm-up has finished or given up (for tests).</summary>
    public Task Completion => _completion.Task;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var limit = options.Value.WarmUpConnections;
            if (limit > 0)
            {
                await Task.Run(() => CompileIngestionPath(), stoppingToken).ConfigureAwait(false);
                if (await StartedAsync(stoppingToken).ConfigureAwait(false))
                {
                    await WarmUpAsync(limit, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private async Task WarmUpAsync(int limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var connections = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Take(limit).ToList();
            foreach (var connection in connections)
            {
                cache.Prime(connection);
            }

            await TouchQueueAsync(cancellationToken).ConfigureAwait(false);
            foreach (var connection in connections.Where(c => c.Status == ConnectionStatus.Active))
            {
                await secrets.GetTokenSecretsAsync(connection, cancellationToken).ConfigureAwait(false);
                if (connection.Signing != SigningMode.Off)
                {
                    await secrets.GetSigningKeysAsync(connection, cancellationToken).ConfigureAwait(false);
                }
            }

            WebhookLog.WarmedUp(logger, clock.ElapsedMilliseconds, connections.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            WebhookLog.WarmUpFailed(logger, clock.ElapsedMilliseconds, e);
        }
    }

    private void CompileIngestionPath()
    {
        try
        {
            RunIngestionPathOnce();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            WebhookLog.WarmUpFailed(logger, 0, e);
        }
    }

    private void RunIngestionPathOnce()
    {
        var body = CannedDelivery;
        var validation = DeliveryValidator.Validate("Push Hook", body);
        var envelope = new EventEnvelope
        {
            EventId = EventIdentity.EventId(null, "00000000-0000-0000-0000-000000000000"),
            DedupeKey = EventIdentity.DedupeKey("warm-up", "Push Hook", null, body.Span),
            ConnectionId = "warm-up",
            EventName = "Push Hook",
            ObjectKind = validation.ObjectKind,
            ReceivedAt = DateTimeOffset.UnixEpoch,
        };
        _ = Convert.ToBase64String(EventEnvelopeWriter.Write(envelope, body.Span));

        // The 202 body goes through the app's JSON options: build that type's serialization metadata now.
        _ = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new WebhookAccepted(envelope.EventId, "queued"), json.Value.SerializerOptions);
    }

    private static ReadOnlyMemory<byte> CannedDelivery { get; } =
        """{"object_kind":"push","event_name":"push","ref":"refs/heads/main","project_id":1,"commits":[{"id":"0000000000000000000000000000000000000000","message":"warm-up"}]}"""u8.ToArray();

    private async Task TouchQueueAsync(CancellationToken cancellationToken)
    {
        try
        {
            await queues.GetApproximateMessageCountAsync(options.Value.Queues.Events, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.Status == 404)
        {
            // Not created yet: the connection to the queue service is open all the same.
        }
    }

    private async Task<bool> StartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = cancellationToken.Register(() => started.TrySetCanceled(cancellationToken));
        try
        {
            await started.Task.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
