namespace GitLabConnector.Storage;

/// <summary>
/// Reads where a table not created yet (tables are created on first write) means no rows, like a missing row does; a
/// table that vanishes mid-listing reads as empty too. Any other storage failure reaches the caller.
/// </summary>
public static class TableEntityLookup
{
    public static async Task<TableEntity?> FindAsync(this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
            return response.HasValue ? response.Value : null;
        }
        catch (RequestFailedException e) when (e.IsTableNotFound())
        {
            return null;
        }
    }

    public static Task<List<TableEntity>> QueryPartitionAsync(this TableClient table, string partitionKey, IEnumerable<string>? select, CancellationToken cancellationToken) =>
        table.QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select, cancellationToken);

    public static async Task<List<TableEntity>> QueryListAsync(this TableClient table, string filter, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        try
        {
            return await table.QueryAsync<TableEntity>(filter, 1000, select, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.IsTableNotFound())
        {
            return [];
        }
    }
}
