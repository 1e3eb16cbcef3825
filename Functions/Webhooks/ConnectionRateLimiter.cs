using System.Collections.Concurrent;
using GitLabConnector.Hosting;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Webhooks;

/// <summary>
/// A token bucket per connection (<see cref="RateLimitOptions"/>; default 50/s with a burst of 200), so one noisy
/// GitLab cannot starve the others. Refuses with the time until the next token.
/// </summary>
public sealed class ConnectionRateLimiter(TimeProvider time, IOptions<ConnectorOptions> options)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <returns>null when allowed; otherwise how long to wait before retrying.</returns>
    public TimeSpan? TryAcquire(string connectionId)
    {
        var limits = options.Value.RateLimit;
        var bucket = _buckets.GetOrAdd(connectionId, _ => new Bucket(limits.Burst, time.GetTimestamp()));
        lock (bucket)
        {
            var now = time.GetTimestamp();
            var elapsed = time.GetElapsedTime(bucket.LastRefill, now);
            bucket.Tokens = Math.Min(limits.Burst, bucket.Tokens + (elapsed.TotalSeconds * limits.PermitsPerSecond));
            bucket.LastRefill = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return null;
            }

            return TimeSpan.FromSeconds((1 - bucket.Tokens) / limits.PermitsPerSecond);
        }
    }

    private sealed class Bucket(double tokens, long lastRefill)
    {
        public double Tokens { get; set; } = tokens;

        public long LastRefill { get; set; } = lastRefill;
    }
}
