using GitLabConnector.Connections;
using GitLabConnector.Storage;

namespace GitLabConnector.Webhooks;

/// <summary>
/// While the app starts, loads the registry into <see cref="ConnectionCache"/>, reads each active connection's secrets
/// and touches the events queue, so the delivery that woke a cold instance finds warm caches and open connections.
/// Runs on the thread pool, never in the start-up's way (its services are resolved there too); a failure only means
/// deliveries read what they need themselves.
/// </summary>
public sealed class IngestionWarmUp(
    IServiceProvider services,
    IOptions<WebhookOptions> options,
    IOptions<QueueOptions> queueOptions,
    ILogger<IngestionWarmUp> logger)
{
    public Task RunAsync(CancellationToken stoppingToken) =>
        options.Value.WarmUpConnections is > 0 and var limit ? WarmUpAsync(limit, stoppingToken) : Task.CompletedTask;

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

            await services.GetRequiredService<IQueueService>().ReachAsync(queueOptions.Value.Events, cancellationToken).ConfigureAwait(false);
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
}
