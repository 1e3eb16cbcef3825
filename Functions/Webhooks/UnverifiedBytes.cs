using System.Threading.RateLimiting;

namespace GitLabConnector.Webhooks;

/// <summary>One request's share of the <see cref="UnverifiedBodyBudget"/>, grown as its buffer grows; disposing returns it all.</summary>
public sealed class UnverifiedBytes : IDisposable
{
    private readonly UnverifiedBodyBudget _budget;
    private readonly List<RateLimitLease> _leases = [];

    internal UnverifiedBytes(UnverifiedBodyBudget budget) => _budget = budget;

    /// <summary>Bytes this request holds.</summary>
    public long Reserved { get; private set; }

    /// <returns>false when the instance has no budget left for <paramref name="bytes"/> more.</returns>
    public bool TryReserve(int bytes)
    {
        if (bytes <= 0)
        {
            return true;
        }

        if (_budget.TryReserve(bytes) is not { } lease)
        {
            return false;
        }

        _leases.Add(lease);
        Reserved += bytes;
        return true;
    }

    public void Dispose()
    {
        foreach (var lease in _leases)
        {
            lease.Dispose();
        }

        _leases.Clear();
        Reserved = 0;
    }
}
