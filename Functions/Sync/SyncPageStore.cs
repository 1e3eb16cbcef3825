using GitLabConnector.Storage;

namespace GitLabConnector.Sync;

/// <summary>
/// A row per page of work, <c>pending</c> from before its message is sent until done with its counts. A sync is finished when
/// no page is pending; a page done is never worked again, and one worked again after a crash overwrites its own counts.
/// </summary>
public sealed class SyncPageStore(TableServiceClient tables)
{
    public const string TableName = "syncpages";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task AddPendingAsync(string syncId, string pageKey, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddCreatingTableAsync(new TableEntity(syncId, pageKey) { ["State"] = "pending" }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Sent before by an attempt that crashed: pending or done already.
        }
    }

    public async Task<bool> IsDoneAsync(string syncId, string pageKey, CancellationToken cancellationToken)
    {
        var row = await _table.FindAsync(syncId, pageKey, ["State"], cancellationToken).ConfigureAwait(false);
        return row?.GetString("State") == "done";
    }

    public Task CompleteAsync(string syncId, string pageKey, SyncPageCounts counts, CancellationToken cancellationToken) =>
        _table.UpsertCreatingTableAsync(
            new TableEntity(syncId, pageKey)
            {
                ["State"] = "done",
                ["Kind"] = counts.Kind,
                ["Projects"] = counts.Projects,
                ["Listed"] = counts.Listed,
                ["Published"] = counts.Published,
                ["AlreadyKnown"] = counts.AlreadyKnown,
                ["Skipped"] = string.Join(',', counts.SkippedProjects),
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<bool> AnyPendingAsync(string syncId, CancellationToken cancellationToken) =>
        await _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {syncId} and State eq 'pending'"), 1, ["RowKey"], cancellationToken)
            .AnyAsync(cancellationToken).ConfigureAwait(false);

    public async Task<SyncCounts> CountsAsync(string syncId, CancellationToken cancellationToken)
    {
        var rows = await _table.QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey eq {syncId} and State eq 'done'"), null, cancellationToken).ConfigureAwait(false);

        int Listed(string kind) => rows.Where(r => r.GetString("Kind") == kind).Sum(r => r.GetInt32("Listed") ?? 0);
        return new SyncCounts(
            rows.Sum(r => r.GetInt32("Projects") ?? 0),
            Listed(SyncKinds.MergeRequest),
            Listed(SyncKinds.Issue),
            Listed(SyncKinds.Pipeline),
            Listed(SyncKinds.Commit),
            rows.Sum(r => r.GetInt32("Published") ?? 0),
            rows.Sum(r => r.GetInt32("AlreadyKnown") ?? 0),
            rows.SelectMany(r => (r.GetString("Skipped") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct().Count());
    }

    public static string PageKey(string kind, long projectId, int page) => FormattableString.Invariant($"{kind}-{projectId}-{page}");
}

public sealed record SyncPageCounts(string Kind, int Projects, int Listed, int Published, int AlreadyKnown, IReadOnlyList<long> SkippedProjects);

public sealed record SyncCounts(int Projects, int MergeRequests, int Issues, int Pipelines, int Commits, int Published, int AlreadyKnown, int SkippedProjects);
