using Azure;
using GitLabConnector.Storage;

namespace GitLabConnector.Connections;

/// <summary>The connection registry in the <c>connections</c> table (one partition; there are few connections).</summary>
public sealed class TableConnectionStore(ITableService tables) : IConnectionStore
{
    public const string TableName = "connections";
    private const string Partition = "connection";

    public async Task<ConnectionRecord?> GetAsync(string connectionId, CancellationToken cancellationToken)
    {
        var entity = await tables.GetAsync(TableName, Partition, connectionId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ConnectionEntityMapper.ToRecord(entity);
    }

    public async Task<IReadOnlyList<ConnectionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<ConnectionRecord>();
        try
        {
            await foreach (var entity in tables.QueryAsync(TableName, $"PartitionKey eq '{Partition}'", null, cancellationToken).ConfigureAwait(false))
            {
                list.Add(ConnectionEntityMapper.ToRecord(entity));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode is "TableNotFound" or null && list.Count == 0)
        {
            // No table yet: nothing was ever connected (any other 404, e.g. a wrong service URI, still fails loudly). Listing does not create it; that was a storage round trip on
            // every instance's start (the ingestion warm-up lists), and connecting creates the table itself.
        }

        return list;
    }

    public async Task<ConnectionRecord> CreateAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var entity = ConnectionEntityMapper.ToEntity(connection, Partition);
        try
        {
            var etag = await tables.InsertCreatingTableAsync(TableName, entity, cancellationToken).ConfigureAwait(false);
            return connection with { ETag = etag };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new ConnectionConflictException($"connection '{connection.Id}' already exists", e);
        }
    }

    public async Task<ConnectionRecord> UpdateAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var entity = ConnectionEntityMapper.ToEntity(connection, Partition);
        try
        {
            var etag = await tables.UpdateAsync(TableName, entity, connection.ETag ?? "*", TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return connection with { ETag = etag };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            throw new ConnectionConflictException($"connection '{connection.Id}' was changed or removed concurrently", e);
        }
    }
}
