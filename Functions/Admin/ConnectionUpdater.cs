using GitLabConnector.Connections;

namespace GitLabConnector.Admin;

/// <summary>
/// Applies a change with the connection's ETag; on a concurrent change it re-reads and applies it once more, then gives
/// up with <see cref="ConnectionConflictException"/> (answered 409). Ingestion's cache is invalidated so this instance sees it at once.
/// </summary>
public sealed class ConnectionUpdater(IConnectionStore store, ConnectionCache cache, TimeProvider time, ILogger<ConnectionUpdater> logger)
{
    public async Task<ConnectionRecord> UpdateAsync(ConnectionRecord current, string action, Func<ConnectionRecord, ConnectionRecord> change, CancellationToken cancellationToken)
    {
        try
        {
            return await store.UpdateAsync(change(current) with { UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectionConflictException)
        {
            try
            {
                var fresh = await store.GetAsync(current.Id, cancellationToken).ConfigureAwait(false) ?? throw new ConnectionConflictException($"connection '{current.Id}' was removed concurrently");
                return await store.UpdateAsync(change(fresh) with { UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectionConflictException)
            {
                AdminLog.Conflict(logger, action, current.Id);
                throw;
            }
        }
        finally
        {
            cache.Invalidate(current.Id);
        }
    }
}
