using System.Threading.RateLimiting;
using GitLabConnector.Hosting;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Webhooks;

/// <summary>
/// The instance-wide budget of request bytes held before their sender is proven (<see cref="ConnectorOptions.MaxUnverifiedBytes"/>):
/// a signed delivery's body must be read to check its HMAC, so whoever knows a connection id could otherwise make the
/// instance buffer any number of bodies. Each byte of buffer is reserved before it is allocated and given back when the
/// signature has been checked, so unauthenticated senders together never hold more than the budget.
/// </summary>
public sealed class UnverifiedBodyBudget : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly int _limit;

    public UnverifiedBodyBudget(IOptions<ConnectorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limit = (int)Math.Min(int.MaxValue, options.Value.MaxUnverifiedBytes);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = _limit, QueueLimit = 0 });
    }

    /// <summary>Bytes currently reserved by unverified bodies.</summary>
    public long InFlight => _limit - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? _limit);

    /// <summary>Opens a reservation for one request; dispose it once the sender is proven (or refused).</summary>
    public UnverifiedBytes Open() => new(this);

    public void Dispose() => _limiter.Dispose();

    internal RateLimitLease? TryReserve(int bytes)
    {
        if (bytes > _limit)
        {
            return null;
        }

        var lease = _limiter.AttemptAcquire(bytes);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }
}
