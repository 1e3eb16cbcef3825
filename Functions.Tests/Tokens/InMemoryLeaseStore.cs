using System.Globalization;
using GitLabConnector.Storage;

namespace GitLabConnector.Tests.Tokens;

/// <summary>Leases with expiry on a (fake) clock.</summary>
public sealed class InMemoryLeaseStore(TimeProvider time) : ILeaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private long _etag;

    public List<string> Acquired { get; } = [];

    public Task<Lease?> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_leases.TryGetValue(name, out var held) && held.ExpiresAt > now && held.Owner != owner)
            {
                return Task.FromResult<Lease?>(null);
            }

            var lease = new Lease(name, owner, now + duration, (++_etag).ToString(CultureInfo.InvariantCulture));
            _leases[name] = lease;
            Acquired.Add(name);
            return Task.FromResult<Lease?>(lease);
        }
    }

    public Task<bool> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_leases.TryGetValue(lease.Name, out var held) || held.Owner != lease.Owner)
            {
                return Task.FromResult(false);
            }

            _leases[lease.Name] = held with { ExpiresAt = time.GetUtcNow() + duration };
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue(lease.Name, out var held) && held.Owner == lease.Owner)
            {
                _leases.Remove(lease.Name);
            }
        }

        return Task.CompletedTask;
    }

    public bool IsHeld(string name)
    {
        lock (_gate)
        {
            return _leases.TryGetValue(name, out var held) && held.ExpiresAt > time.GetUtcNow();
        }
    }
}
