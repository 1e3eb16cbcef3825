namespace GitLabConnector.Enrichment;

/// <summary>
/// Renews a worker's claim while it processes an event, keeping the latest token so the worker can prove before it
/// publishes that the claim is still its own (a lapsed, taken-over claim must not publish a second copy). It renews the
/// fenced claim until disposed, so a publish slowed by storage cannot outlast the lease and let another copy publish.
/// </summary>
public sealed class ClaimHeartbeat : IAsyncDisposable
{
    private readonly DedupeStore _dedupe;
    private readonly TimeProvider _time;
    private readonly string _connectionId;
    private readonly string _dedupeKey;
    private readonly CancellationToken _cancellationToken;
    private CancellationTokenSource _stop;
    private Task _loop;
    private ClaimToken? _claim;

    public ClaimHeartbeat(DedupeStore dedupe, TimeProvider time, string connectionId, string dedupeKey, ClaimToken claim, CancellationToken cancellationToken)
    {
        _dedupe = dedupe;
        _time = time;
        _connectionId = connectionId;
        _dedupeKey = dedupeKey;
        _cancellationToken = cancellationToken;
        _claim = claim;
        (_stop, _loop) = Start();
    }

    /// <summary>Stops renewing; returns the claim's current token, or null when the claim was lost.</summary>
    public async Task<ClaimToken?> StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await _loop.ConfigureAwait(false);
        return Volatile.Read(ref _claim);
    }

    /// <summary><see cref="DedupeStore.FenceAsync"/>, then renews the fenced claim; null when the claim was lost or taken over.</summary>
    public async Task<ClaimToken?> FenceAsync()
    {
        if (await StopAsync().ConfigureAwait(false) is not { } current ||
            await _dedupe.FenceAsync(_connectionId, _dedupeKey, current, _cancellationToken).ConfigureAwait(false) is not { } fenced)
        {
            return null;
        }

        Volatile.Write(ref _claim, fenced);
        _stop.Dispose();
        (_stop, _loop) = Start();
        return fenced;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private (CancellationTokenSource, Task) Start()
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
        return (stop, RenewAsync(stop.Token));
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _claim) is { } current)
        {
            try
            {
                await Task.Delay(_dedupe.RenewEvery, _time, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _claim, await _dedupe.RenewAsync(_connectionId, _dedupeKey, current, cancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RequestFailedException)
            {
                // A missed renewal only shortens the lease; the next one may get through, and the fence catches a lost claim.
            }
        }
    }
}
