using GitLabConnector.Enrichment;

namespace GitLabConnector.Admin;

/// <summary>
/// The admin-provided user map (PartitionKey = connection id, RowKey = GitLab user id), cached because enrichment asks per
/// event. Replace upserts the new rows before deleting stale ones, so readers never see an empty map in between.
/// </summary>
public sealed class TableUserEmailMap(TableServiceClient tables, TimeProvider time) : IUserEmailMap
{
    public const string TableName = "usermap";
    public static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(60);

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly BoundedTtlCache<(string ConnectionId, long UserId), string?> _cache = new(time, CacheTtl, capacity: 50_000);

    public async Task<string?> GetEmailAsync(string connectionId, long gitlabUserId, CancellationToken cancellationToken)
    {
        var key = (connectionId, gitlabUserId);
        if (_cache.TryGet(key, out var cached))
        {
            return cached;
        }

        string? email = null;
        try
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(connectionId, gitlabUserId.ToString(CultureInfo.InvariantCulture), ["Email"], cancellationToken).ConfigureAwait(false);
            email = response.HasValue ? response.Value!.GetString("Email") : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No table yet: nobody uploaded a map.
        }

        _cache.Set(key, email);
        return email;
    }

    public async Task ReplaceAsync(string connectionId, IReadOnlyDictionary<long, string> emails, CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var stale = await _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {connectionId}"), select: ["RowKey"], cancellationToken: cancellationToken)
            .Select(existing => existing.RowKey)
            .Where(rowKey => !long.TryParse(rowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !emails.ContainsKey(id))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        foreach (var (userId, email) in emails)
        {
            var entity = new TableEntity(connectionId, userId.ToString(CultureInfo.InvariantCulture)) { ["Email"] = email };
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        foreach (var rowKey in stale)
        {
            await _table.DeleteEntityAsync(connectionId, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        _cache.RemoveWhere(k => k.ConnectionId == connectionId);
    }
}
