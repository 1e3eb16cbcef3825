namespace GitLabConnector.Enrichment;

/// <summary>Point reads where a missing row and a table not created yet (tables are created on first write) both mean "none".</summary>
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
}
