namespace GitLabConnector.Connections;

/// <summary>Updates are optimistic: a stale ETag throws <see cref="ConnectionConflictException"/>.</summary>
public interface IConnectionStore
{
    Task<ConnectionRecord?> GetAsync(string connectionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ConnectionRecord>> ListAsync(CancellationToken cancellationToken);

    Task<ConnectionRecord> CreateAsync(ConnectionRecord connection, CancellationToken cancellationToken);

    Task<ConnectionRecord> UpdateAsync(ConnectionRecord connection, CancellationToken cancellationToken);
}

public sealed class ConnectionConflictException(string message, Exception? innerException = null) : Exception(message, innerException);
