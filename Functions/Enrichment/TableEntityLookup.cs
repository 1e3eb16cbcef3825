namespace GitLabConnector.Enrichment;

/// <summary>Reads where a table not created yet (tables are created on first write) means no rows, like a missing row does.</summary>
internal static class TableEntityLookup
{
    public static async Task<TableEntity?> FindAsync(this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
            return response.HasValue ? response.Value : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public static async Task<List<TableEntity>> QueryPartitionAsync(this TableClient table, string partitionKey, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        try
        {
            return await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), 1000, select, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
