using System.Diagnostics;
using Azure;
using GitLabConnector.Connections;
using GitLabConnector.Hosting;
using GitLabConnector.Storage;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Webhooks;

/// <summary>
/// While the app starts, loads the connection registry into <see cref="ConnectionCache"/>, reads each active
/// connection's webhook secrets (cached by version) and touches the events queue, so the delivery that woke a cold
/// instance finds warm caches and open storage connections instead of paying for them. Runs on the thread pool beside
/// the start-up and the first requests, never in their way: even its services (storage clients, the secret store) are
/// created there, not on the thread that starts the server. Any failure only means deliveries read what they need themselves.
/// </summary>
public sealed class IngestionWarmUp(
    IServiceProvider services,
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
            // BackgroundService runs all of ExecuteAsync on the thread pool (.NET 10), so nothing here holds up the start.
            if (limit > 0)
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
            var store = services.GetRequiredService<IConnectionStore>();
            var cache = services.GetRequiredService<ConnectionCache>();
            var secrets = services.GetRequiredService<WebhookSecretProvider>();
            var connections = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Take(limit).ToList();
            foreach (var connection in connections)
            {
                cache.Prime(connection);
            }

            await TouchQueueAsync(services.GetRequiredService<IQueueService>(), cancellationToken).ConfigureAwait(false);
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

    private async Task TouchQueueAsync(IQueueService queues, CancellationToken cancellationToken)
    {
        try
        {
            await queues.GetApproximateMessageCountAsync(options.Value.Queues.Events, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not created yet: the connection to the queue service is open all the same.
        }
    }
}
