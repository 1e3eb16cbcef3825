using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.Webhooks;

/// <summary>Settings under <c>Connector:RateLimit</c>: what one connection and one source address may send.</summary>
public sealed class RateLimitOptions
{
    [Range(0.1, 100_000)] public double PermitsPerSecond { get; set; } = 50;
    [Range(1, 1_000_000)] public int Burst { get; set; } = 200;

    /// <summary>
    /// Failed authentications allowed per connection and, separately, per source address (a token bucket of
    /// <see cref="FailureBurst"/>); beyond it failures are answered 429. They never spend the delivery budget above.
    /// </summary>
    [Range(0.1, 100_000)] public double FailuresPerSecond { get; set; } = 5;
    [Range(1, 1_000_000)] public int FailureBurst { get; set; } = 50;

    /// <summary>
    /// Registry reads per second (instance-wide, burst of twice that) for connection ids this instance does not
    /// remember; ids probed at random beyond it are answered 503 without a table read.
    /// </summary>
    [Range(1, 100_000)] public int UnknownLookupsPerSecond { get; set; } = 50;
}
