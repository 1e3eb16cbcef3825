using System.Net;
using System.Threading.RateLimiting;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Failed authentications, limited on their own: a token bucket per connection and one per source address
/// (<see cref="RateLimitOptions.FailuresPerSecond"/>, <see cref="RateLimitOptions.FailureBurst"/>). Only failures take
/// from it, and it is consulted only after a failure, so a flood of bad tokens or signatures is answered 429 once over
/// the limit while a delivery with the right secret is still accepted (its budget is <see cref="ConnectionRateLimiter"/>).
/// </summary>
public sealed class FailedAuthenticationLimiter(IOptions<WebhookOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perConnection = TokenBuckets.Create(options.Value.RateLimit.FailuresPerSecond, options.Value.RateLimit.FailureBurst);
    private readonly PartitionedRateLimiter<string> _perAddress = TokenBuckets.Create(options.Value.RateLimit.FailuresPerSecond, options.Value.RateLimit.FailureBurst);

    /// <summary>Counts one failure.</summary>
    /// <returns>null while within both limits; otherwise how long the sender should wait.</returns>
    public TimeSpan? RecordFailure(string connectionId, IPAddress? source)
    {
        var byConnection = TokenBuckets.TryTake(_perConnection, connectionId);
        var byAddress = TokenBuckets.TryTake(_perAddress, AddressKey(source));
        return (byConnection, byAddress) switch
        {
            (null, null) => null,
            ({ } a, { } b) => a > b ? a : b,
            _ => byConnection ?? byAddress,
        };
    }

    // An IPv6 sender usually holds a whole /64, so that is what one source is.
    internal static string AddressKey(IPAddress? source)
    {
        if (source is null)
        {
            return "(unknown)";
        }

        if (source.IsIPv4MappedToIPv6)
        {
            return source.MapToIPv4().ToString();
        }

        if (source.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return source.ToString();
        }

        var bytes = source.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose()
    {
        _perConnection.Dispose();
        _perAddress.Dispose();
    }
}
