namespace GitLabConnector.Webhooks;

/// <summary>
/// Counts a kind of refusal that can arrive in floods (unknown connection ids, failed authentications over their limit)
/// and lets one log line per <see cref="Interval"/> stand for all of them, instead of one Warning each.
/// </summary>
public sealed class RefusalSummary(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private long _count;
    private long _lastLoggedAt = long.MinValue;

    /// <returns>The refusals to report now (this one included) when a summary line is due; otherwise 0.</returns>
    public long Count()
    {
        Interlocked.Increment(ref _count);
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastLoggedAt);
        if (last != long.MinValue && now - last < Interval.Ticks)
        {
            return 0;
        }

        return Interlocked.CompareExchange(ref _lastLoggedAt, now, last) == last ? Interlocked.Exchange(ref _count, 0) : 0;
    }
}
