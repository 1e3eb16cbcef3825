using GitLabConnector.Storage;

namespace GitLabConnector.Sync;

/// <summary>
/// Partition = connection: a row per sync, and the <c>current</c> row with the latest sync and the watermark. A start
/// replaces <c>current</c> conditionally, so two starts never both win.
/// </summary>
public sealed class SyncRunStore(TableServiceClient tables)
{
    public const string TableName = "syncs";
    private const string CurrentRow = "current";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task<SyncRun?> GetAsync(string connectionId, string syncId, CancellationToken cancellationToken) =>
        await GetRowAsync(connectionId, syncId, cancellationToken).ConfigureAwait(false) is { } row && row.GetString("Status") is not null ? FromEntity(row) : null;

    public async Task<(string? SyncId, DateTimeOffset? Watermark, ETag? ETag)> GetCurrentAsync(string connectionId, CancellationToken cancellationToken) =>
        await GetRowAsync(connectionId, CurrentRow, cancellationToken).ConfigureAwait(false) is { } row
            ? (row.GetString("SyncId"), row.GetDateTimeOffset("Watermark"), row.ETag)
            : (null, null, null);

    /// <summary>False when another start changed <c>current</c> since it was read.</summary>
    public async Task<bool> TryStartAsync(SyncRun run, DateTimeOffset? watermark, ETag? currentETag, CancellationToken cancellationToken)
    {
        var current = new TableEntity(run.ConnectionId, CurrentRow) { ["SyncId"] = run.SyncId, ["Watermark"] = watermark };
        try
        {
            if (currentETag is { } etag)
            {
                await _table.UpdateEntityAsync(current.WithoutNulls(), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.AddCreatingTableAsync(current, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }

        await SaveAsync(run, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task SaveAsync(SyncRun run, CancellationToken cancellationToken) =>
        _table.UpsertCreatingTableAsync(ToEntity(run), TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Writes a finished run's end state only while the stored run is still queued or running, so the last pages of a
    /// sync finishing at once end it once (one log line, one watermark move); false when another writer ended it first.
    /// </summary>
    public async Task<bool> TryEndAsync(SyncRun ended, CancellationToken cancellationToken)
    {
        var end = new TableEntity(ended.ConnectionId, ended.SyncId) { ["Status"] = ended.Status, ["FinishedAt"] = ended.FinishedAt, ["Error"] = ended.Error };
        for (var attempt = 1; ; attempt++)
        {
            var row = await GetRowAsync(ended.ConnectionId, ended.SyncId, cancellationToken).ConfigureAwait(false);
            if (row is null || row.GetString("Status") is not (SyncRun.Queued or SyncRun.Running))
            {
                return false;
            }

            try
            {
                await _table.UpdateEntityAsync(end, row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 10)
            {
                // Another page recorded progress or ended the run since the read: look again.
            }
        }
    }

    /// <summary>Merges only the progress time, so concurrent pages never overwrite the run's status.</summary>
    public Task RecordProgressAsync(string connectionId, string syncId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpsertCreatingTableAsync(new TableEntity(connectionId, syncId) { ["LastProgressAt"] = at }, TableUpdateMode.Merge, cancellationToken);

    public Task SetWatermarkAsync(string connectionId, DateTimeOffset watermark, CancellationToken cancellationToken) =>
        _table.UpsertCreatingTableAsync(new TableEntity(connectionId, CurrentRow) { ["Watermark"] = watermark }, TableUpdateMode.Merge, cancellationToken);

    private Task<TableEntity?> GetRowAsync(string connectionId, string rowKey, CancellationToken cancellationToken) =>
        _table.FindAsync(connectionId, rowKey, null, cancellationToken);

    private static TableEntity ToEntity(SyncRun run) => new(run.ConnectionId, run.SyncId)
    {
        ["Status"] = run.Status,
        ["Since"] = run.Since,
        ["RequestedAt"] = run.RequestedAt,
        ["Kinds"] = string.Join(',', run.Kinds),
        ["Projects"] = run.Projects is null ? null : string.Join(',', run.Projects),
        ["StartedAt"] = run.StartedAt,
        ["FinishedAt"] = run.FinishedAt,
        ["Error"] = run.Error,
        ["LastProgressAt"] = run.LastProgressAt,
    };

    private static SyncRun FromEntity(TableEntity row) => new(
        row.RowKey,
        row.PartitionKey,
        row.GetString("Status")!,
        row.GetDateTimeOffset("Since").GetValueOrDefault(),
        row.GetDateTimeOffset("RequestedAt").GetValueOrDefault(),
        row.GetString("Kinds")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
        row.GetString("Projects") is { } projects ? [.. projects.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => long.Parse(p, CultureInfo.InvariantCulture))] : null,
        row.GetDateTimeOffset("StartedAt"),
        row.GetDateTimeOffset("FinishedAt"),
        row.GetString("Error"),
        row.GetDateTimeOffset("LastProgressAt"));
}
