using System.Net;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Failed authentications, limited on their own: a token bucket per connection and one per source address
/// (<see cref="RateLimitOptions.FailuresPerSecond"/>). Consulted only after a failure, so a flood of bad tokens or
/// signatures is answered 429 while a delivery with the right secret is still accepted.
/// </summary>
public sealed class FailedAuthenticationLimiter(IOptions<WebhookOptions> options) : IDisposable
{
    private readonly PerKey _perConnection = new(options.Value.RateLimit);
    private readonly PerKey _perAddress = new(options.Value.RateLimit);

    /// <returns>null while within both limits; otherwise how long the sender should wait.</returns>
    public TimeSpan? RecordFailure(string connectionId, IPAddress? source)
    {
        var byConnection = _perConnection.TryAcquire(connectionId);
        var byAddress = _perAddress.TryAcquire(AddressKey(source));
        return byConnection > byAddress || byAddress is null ? byConnection : byAddress;
    }

    // An IPv6 sender usually holds a whole /64, so that is what one source is.
    internal static string AddressKey(IPAddress? source) => source switch
    {
        null => "(unknown)",
        { IsIPv4MappedToIPv6: true } => source.MapToIPv4().ToString(),
        { AddressFamily: not System.Net.Sockets.AddressFamily.InterNetworkV6 } => source.ToString(),
        _ => new IPAddress([.. source.GetAddressBytes().AsSpan(0, 8), .. new byte[8]]) + "/64",
    };

    public void Dispose()
    {
        _perConnection.Dispose();
        _perAddress.Dispose();
    }

    private sealed class PerKey(RateLimitOptions limits) : TokenBuckets(limits.FailuresPerSecond, limits.FailureBurst);
}
