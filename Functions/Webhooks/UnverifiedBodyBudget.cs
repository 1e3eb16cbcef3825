namespace GitLabConnector.Webhooks;

/// <summary>
/// The instance-wide budget of request bytes held before their sender is proven (<see cref="WebhookOptions.MaxUnverifiedBytes"/>):
/// a signed body must be read to check its HMAC, so whoever knows a connection id could otherwise make the instance
/// buffer any number of bodies. Once a burst of large unverified bodies has drained, their memory is handed back to the
/// operating system (a compacting collection, at most once per <see cref="TrimInterval"/>).
/// </summary>
public sealed class UnverifiedBodyBudget(IOptions<WebhookOptions> options, TimeProvider time)
{
    public static readonly TimeSpan TrimInterval = TimeSpan.FromSeconds(30);

    // Bursts below this are left to the GC's own pace.
    private const long TrimThreshold = 16L * 1024 * 1024;

    private readonly long _limit = options.Value.MaxUnverifiedBytes;
    private long _inFlight;
    private long _highWater;
    private long _lastTrim = long.MinValue;

    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Opens a reservation for one request; dispose it once the sender is proven (or refused).</summary>
    public UnverifiedBytes Open() => new(this);

    internal bool TryReserve(long bytes)
    {
        while (true)
        {
            var current = Interlocked.Read(ref _inFlight);
            if (current + bytes > _limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _inFlight, current + bytes, current) == current)
            {
                RaiseHighWater(current + bytes);
                return true;
            }
        }
    }

    internal void Release(long bytes)
    {
        if (Interlocked.Add(ref _inFlight, -bytes) == 0 && Interlocked.Read(ref _highWater) >= TrimThreshold)
        {
            TrimIfDue();
        }
    }

    private void RaiseHighWater(long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref _highWater)) && Interlocked.CompareExchange(ref _highWater, value, seen) != seen)
        {
        }
    }

    private void TrimIfDue()
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastTrim);
        if ((last != long.MinValue && time.GetElapsedTime(last, now) < TrimInterval) || Interlocked.CompareExchange(ref _lastTrim, now, last) != last)
        {
            return;
        }

        Interlocked.Exchange(ref _highWater, 0);
        ThreadPool.UnsafeQueueUserWorkItem(static _ => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true), null);
    }
}
