namespace GitLabConnector.Storage;

/// <summary>
/// Named, time-limited leases shared by every instance (timer singletons, token rotation).
/// A lease not renewed before it expires can be taken by another owner.
/// </summary>
public interface ILeaseStore
{
    /// <summary>Returns the lease, or null when another owner holds an unexpired one.</summary>
    Task<Lease?> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends a lease we hold; false when it was lost (expired and taken).</summary>
    Task<bool> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken);

    Task ReleaseAsync(Lease lease, CancellationToken cancellationToken);
}

public sealed record Lease(string Name, string Owner, DateTimeOffset ExpiresAt, string ETag);
