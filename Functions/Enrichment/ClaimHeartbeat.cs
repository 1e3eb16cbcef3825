using Azure;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Renews a worker's claim while it processes an event, remembering the latest token so the worker can prove — before
/// it publishes — that the claim is still its own (a fencing check: a worker whose claim lapsed and was taken over
/// must not publish a second copy).
/// </summary>
public sealed class ClaimHeartbeat : IAsyncDisposable
{
    private readonly DedupeStore _dedupe;
    private readonly TimeProvider _time;
    private readonly string _connectionId;
    private readonly string _dedupeKey;
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;
    private ClaimToken? _claim;

    public ClaimHeartbeat(DedupeStore dedupe, TimeProvider time, string connectionId, string dedupeKey, ClaimToken claim, CancellationToken cancellationToken)
    {
        _dedupe = dedupe;
        _time = time;
        _connectionId = connectionId;
        _dedupeKey = dedupeKey;
        _claim = claim;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = RenewAsync(_stop.Token);
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

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (Volatile.Read(ref _claim) is { } current)
            {
                await Task.Delay(_dedupe.RenewEvery, _time, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _claim, await _dedupe.RenewAsync(_connectionId, _dedupeKey, current, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RequestFailedException)
        {
            // A missed renewal only shortens the lease; the fencing check before publishing catches a lost claim.
        }
    }
}
