using GitLabConnector.Storage;

namespace GitLabConnector.Connections;

/// <summary>One partition: there are few connections.</summary>
public sealed class TableConnectionStore(TableServiceClient tables) : IConnectionStore
{
    public const string TableName = "connections";
    private const string Partition = "connection";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task<ConnectionRecord?> GetAsync(string connectionId, CancellationToken cancellationToken) =>
        await _table.FindAsync(Partition, connectionId, null, cancellationToken).ConfigureAwait(false) is { } entity ? ConnectionEntityMapper.ToRecord(entity) : null;

    // No table means nothing was ever connected. Not created here: the warm-up lists on every start; connecting creates it.
    public async Task<IReadOnlyList<ConnectionRecord>> ListAsync(CancellationToken cancellationToken) =>
        (await _table.QueryPartitionAsync(Partition, null, cancellationToken).ConfigureAwait(false)).ConvertAll(ConnectionEntityMapper.ToRecord);

    public async Task<ConnectionRecord> CreateAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        var entity = ConnectionEntityMapper.ToEntity(connection, Partition);
        try
        {
            var etag = await _table.AddCreatingTableAsync(entity, cancellationToken).ConfigureAwait(false);
            return connection with { ETag = etag.ToString() };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new ConnectionConflictException($"connection '{connection.Id}' already exists", e);
        }
    }

    public async Task<ConnectionRecord> UpdateAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        var entity = ConnectionEntityMapper.ToEntity(connection, Partition);
        try
        {
            var ifMatch = connection.ETag is { } etag ? new ETag(etag) : ETag.All;
            var response = await _table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return connection with { ETag = response.Headers.ETag.GetValueOrDefault().ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            throw new ConnectionConflictException($"connection '{connection.Id}' was changed or removed concurrently", e);
        }
    }
}
