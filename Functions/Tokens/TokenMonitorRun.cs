using GitLabConnector.Storage;

namespace GitLabConnector.Tokens;

/// <summary>
/// One run of the token monitor, as the <c>token-monitor</c> timer fires it. Several instances may fire at once, so a
/// run first takes the <c>token-monitor</c> lease (renewed between connections) and skips when another instance holds it.
/// </summary>
public sealed class TokenMonitorRun(TokenMonitor monitor, ILeaseStore leases, TimeProvider time, ILogger<TokenMonitorRun> logger)
{
    public const string LeaseName = "token-monitor";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var lease = await leases.TryAcquireAsync(LeaseName, LeaseOwner.NewOwner(), LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            TokenLog.MonitorLeaseHeld(logger, LeaseName);
            return;
        }

        try
        {
            await monitor.PersistPendingAsync(cancellationToken).ConfigureAwait(false);
            var renewedAt = time.GetUtcNow();
            var count = 0;
            foreach (var connection in await monitor.ListActiveAsync(cancellationToken).ConfigureAwait(false))
            {
                if (time.GetUtcNow() - renewedAt > LeaseDuration / 3)
                {
                    if (!await leases.RenewAsync(lease, LeaseDuration, cancellationToken).ConfigureAwait(false))
                    {
                        TokenLog.MonitorLeaseLost(logger, LeaseName);
                        return;
                    }

                    renewedAt = time.GetUtcNow();
                }

                await monitor.CheckConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
                count++;
            }

            TokenLog.MonitorCompleted(logger, count);
        }
        finally
        {
            try
            {
                await leases.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            }
            catch (StorageRequestFailedException)
            {
                // It expires on its own.
            }
        }
    }
}
