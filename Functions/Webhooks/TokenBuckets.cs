using System.Threading.RateLimiting;

namespace GitLabConnector.Webhooks;

/// <summary>Token buckets, one per key, on <see cref="PartitionedRateLimiter"/>: a rate in permits per second and a burst.</summary>
public abstract class TokenBuckets : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    // Replenished in steps of about a tenth of a second's worth (at least one token), so a refused sender is told a
    // Retry-After close to when a token really frees up.
    protected TokenBuckets(double permitsPerSecond, int burst)
    {
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(permitsPerSecond / 10));
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / permitsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => options), StringComparer.Ordinal);
    }

    /// <returns>null when a permit was taken; otherwise how long to wait before retrying.</returns>
    public TimeSpan? TryAcquire(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose()
    {
        _limiter.Dispose();
        GC.SuppressFinalize(this);
    }
}
