namespace GitLabConnector.Connections;

/// <summary>The connection registry (a table). Updates are optimistic: a stale ETag throws <see cref="ConnectionConflictException"/>.</summary>
public interface IConnectionStore
{
    Task<ConnectionRecord?> GetAsync(string connectionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ConnectionRecord>> ListAsync(CancellationToken cancellationToken);

    Task<ConnectionRecord> CreateAsync(ConnectionRecord connection, CancellationToken cancellationToken);

    /// <summary>Replaces the stored record if its ETag still matches; returns the record with the new ETag.</summary>
    Task<ConnectionRecord> UpdateAsync(ConnectionRecord connection, CancellationToken cancellationToken);
}

public sealed class ConnectionConflictException : Exception
{
    public ConnectionConflictException(string message)
        : base(message)
    {
    }

    public ConnectionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
