using System.Threading.RateLimiting;

namespace GitLabConnector.Webhooks;

/// <summary>
/// The delivery budget: a token bucket per connection (<see cref="RateLimitOptions"/>; default 50/s with a burst of
/// 200), so one noisy GitLab cannot starve the others. Only authenticated deliveries take from it — failed
/// authentications are limited by <see cref="FailedAuthenticationLimiter"/> — so nobody without the secret can spend
/// a connection's budget and turn its next authentic delivery into a 429.
/// </summary>
public sealed class ConnectionRateLimiter(IOptions<WebhookOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = TokenBuckets.Create(options.Value.RateLimit.PermitsPerSecond, options.Value.RateLimit.Burst);

    /// <returns>null when allowed; otherwise how long to wait before retrying.</returns>
    public TimeSpan? TryAcquire(string connectionId) => TokenBuckets.TryTake(_limiter, connectionId);

    public void Dispose() => _limiter.Dispose();
}
