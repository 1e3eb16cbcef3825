namespace GitLabConnector.Storage;

/// <summary>
/// Keeps a lease while work runs: renews it every third of its duration, and when it is lost (expired and taken by another
/// owner) cancels <see cref="Token"/> so the work stops. A renewal that fails is tried again at the next tick.
/// </summary>
public sealed class LeaseRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource _run;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;

    /// <param name="onLost">Called once when the lease was lost.</param>
    /// <param name="onFailed">Called for each renewal that failed (its outcome is unknown).</param>
    public LeaseRenewal(ILeaseStore leases, Lease lease, TimeSpan duration, TimeProvider time, Action onLost, Action<Exception> onFailed, CancellationToken cancellationToken)
    {
        _run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer = new PeriodicTimer(duration / 3, time);
        _loop = RenewAsync(leases, lease, duration, onLost, onFailed);
    }

    /// <summary>Cancelled when the caller's token is, or when the lease is lost.</summary>
    public CancellationToken Token => _run.Token;

    public bool Lost { get; private set; }

    /// <summary>Stops renewing; a renewal already sent is awaited so its outcome is known.</summary>
    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
        _run.Dispose();
    }

    private async Task RenewAsync(ILeaseStore leases, Lease lease, TimeSpan duration, Action onLost, Action<Exception> onFailed)
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            try
            {
                // Not cancellable: a renewal cut off half-way leaves us unsure whether we still hold the lease.
                if (await leases.RenewAsync(lease, duration, CancellationToken.None).ConfigureAwait(false))
                {
                    continue;
                }
            }
            catch (Exception e)
            {
                onFailed(e);
                continue;
            }

            Lost = true;
            onLost();
            await _run.CancelAsync().ConfigureAwait(false);
            return;
        }
    }
}
