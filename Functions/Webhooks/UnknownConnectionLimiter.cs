namespace GitLabConnector.Webhooks;

/// <summary>
/// Registry reads for connection ids the instance does not remember (<see cref="RateLimitOptions.UnknownLookupsPerSecond"/>),
/// instance-wide: a flood of random ids costs at most this many table reads; remembered ids never wait on it.
/// </summary>
public sealed class UnknownConnectionLimiter(IOptions<WebhookOptions> options)
    : TokenBuckets(options.Value.RateLimit.UnknownLookupsPerSecond, options.Value.RateLimit.UnknownLookupsPerSecond * 2)
{
    /// <returns>null when a registry read may be made now; otherwise how long to wait.</returns>
    public TimeSpan? TryAcquire() => TryAcquire("unknown");
}
