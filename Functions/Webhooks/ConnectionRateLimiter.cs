namespace GitLabConnector.Webhooks;

/// <summary>
/// The delivery budget: a token bucket per connection (<see cref="RateLimitOptions"/>), so one noisy GitLab cannot starve
/// the others. Only authenticated deliveries take from it, so nobody without the secret can turn a connection's next
/// authentic delivery into a 429.
/// </summary>
public sealed class ConnectionRateLimiter(IOptions<WebhookOptions> options)
    : TokenBuckets(options.Value.RateLimit.PermitsPerSecond, options.Value.RateLimit.Burst);
