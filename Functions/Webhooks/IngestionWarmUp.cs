using System.Diagnostics;
using GitLabConnector.Connections;
using GitLabConnector.Hosting;
using GitLabConnector.Storage;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Right after the app listens, loads the connection registry into <see cref="ConnectionCache"/>, reads each active
/// connection's webhook secrets (cached by version) and touches the events queue, so the delivery that woke a cold
/// instance finds warm caches and open storage connections instead of paying for them. Runs beside the first
/// requests, never before the app is ready; any failure only means deliveries read what they need themselves.
/// </summary>
public sealed class IngestionWarmUp(
    IConnectionStore store,
    ConnectionCache cache,
    WebhookSecretProvider secrets,
    IQueueService queues,
    IHostApplicationLifetime lifetime,
    IOptions<ConnectorOptions> options,
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
            if (limit > 0 && await StartedAsync(stoppingToken).ConfigureAwait(false))
            {
                await WarmUpAsync(limit, stoppingToken).ConfigureAwait(false);
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
