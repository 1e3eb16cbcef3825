using GitLabConnector.Enrichment;
using GitLabConnector.Storage;

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

        // No table yet means nobody uploaded a map.
        var email = (await _table.FindAsync(connectionId, gitlabUserId.ToString(CultureInfo.InvariantCulture), ["Email"], cancellationToken).ConfigureAwait(false))?.GetString("Email");
        _cache.Set(key, email);
        return email;
    }

    public async Task ReplaceAsync(string connectionId, IReadOnlyDictionary<long, string> emails, CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var stale = (await _table.QueryPartitionAsync(connectionId, ["RowKey"], cancellationToken).ConfigureAwait(false))
            .Select(existing => existing.RowKey)
            .Where(rowKey => !long.TryParse(rowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !emails.ContainsKey(id))
            .ToList();

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
