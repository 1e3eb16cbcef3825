using Azure;
using GitLabConnector.Storage;

namespace GitLabConnector.Tokens;

/// <summary>
/// One run of the token monitor, as the <c>token-monitor</c> timer fires it. Several instances may fire at once, so a
/// run first takes the <c>token-monitor</c> lease (renewed between connections) and skips when another instance holds it.
/// </summary>
public sealed class TokenMonitorRun(TokenMonitor monitor, ILeaseStore leases, TimeProvider time, ILogger<TokenMonitorRun> logger)
{
    public const string LeaseName = "token-monitor";
    /// <summary>
    /// Short and renewed while the run lasts, so a run that died (a crashed or recycled instance) blocks the next one for
    /// at most this long instead of for the whole run's worth.
    /// </summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var lease = await leases.TryAcquireAsync(LeaseName, LeaseOwner.NewOwner(), LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            TokenLog.MonitorLeaseHeld(logger, LeaseName);
            return;
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewalStop = new CancellationTokenSource();
        var renewal = RenewAsync(lease, run, renewalStop.Token);
        try
        {
            await monitor.PersistPendingAsync(run.Token).ConfigureAwait(false);
            var count = 0;
            foreach (var connection in await monitor.ListActiveAsync(run.Token).ConfigureAwait(false))
            {
                run.Token.ThrowIfCancellationRequested();
                await monitor.CheckConnectionAsync(connection, run.Token).ConfigureAwait(false);
                count++;
            }

            TokenLog.MonitorCompleted(logger, count);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The lease was lost (logged by the renewal): another instance may be running now.
        }
        finally
        {
            await renewalStop.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
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

    /// <summary>Renews the lease every third of its duration until stopped; a lost lease cancels the run.</summary>
    private async Task RenewAsync(Lease lease, CancellationTokenSource run, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await Task.Delay(LeaseDuration / 3, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            bool renewed;
            try
            {
                renewed = await leases.RenewAsync(lease, LeaseDuration, stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException)
            {
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!renewed)
            {
                TokenLog.MonitorLeaseLost(logger, LeaseName);
                await run.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
    }
}
