using GitLabConnector.Storage;

namespace GitLabConnector.Tokens;

/// <summary>Several instances may fire the timer at once: a run takes the <c>token-monitor</c> lease (renewed) or skips.</summary>
public sealed class TokenMonitorRun(TokenMonitor monitor, ILeaseStore leases, TimeProvider time, ILogger<TokenMonitorRun> logger)
{
    public const string LeaseName = "token-monitor";

    /// <summary>Short and renewed: a run that died blocks the next one for at most this long.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var lease = await leases.TryAcquireAsync(LeaseName, LeaseOwner.NewOwner(), LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            TokenLog.MonitorLeaseHeld(logger, LeaseName);
            return;
        }

        var renewal = new LeaseRenewal(
            leases, lease, LeaseDuration, time, () => TokenLog.MonitorLeaseLost(logger, LeaseName), e => TokenLog.MonitorLeaseRenewalFailed(logger, LeaseName, e), cancellationToken);
        try
        {
            await monitor.PersistPendingAsync(renewal.Token).ConfigureAwait(false);
            var count = 0;
            foreach (var connection in await monitor.ListActiveAsync(renewal.Token).ConfigureAwait(false))
            {
                renewal.Token.ThrowIfCancellationRequested();
                await monitor.CheckConnectionAsync(connection, renewal.Token).ConfigureAwait(false);
                count++;
            }

            TokenLog.MonitorCompleted(logger, count);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The lease was lost (logged): another instance may be running now.
        }
        finally
        {
            await renewal.DisposeAsync().ConfigureAwait(false);
            try
            {
                await leases.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // It expires on its own.
            }
        }
    }
}
