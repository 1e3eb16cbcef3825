using GitLabConnector.Storage;

namespace GitLabConnector.Enrichment;

/// <summary>Table <c>enriched</c> by connection + event id (upserts: a re-run leaves one record); <c>enrichedsubjects</c> by project + subject, newest first.</summary>
public sealed class EnrichedRecordStore(TableServiceClient tables)
{
    public const string RecordsTable = "enriched";
    public const string SubjectsTable = "enrichedsubjects";

    // A string property holds 32K UTF-16 characters; larger records are stored as UTF-8 binary (64 KiB) or truncated to a pointer.
    private const int MaxStringChars = 30_000;
    private const int MaxBinaryBytes = 60_000;

    private readonly TableClient _records = tables.GetTableClient(RecordsTable);
    private readonly TableClient _subjects = tables.GetTableClient(SubjectsTable);

    public async Task SaveAsync(EnrichedRecord record, string json, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(record.ConnectionId, DedupeStore.RowKey(record.EventId))
        {
            ["Kind"] = record.Kind,
            ["Action"] = record.Action,
            ["EventName"] = record.EventName,
            ["ProjectId"] = record.Project?.Id,
            ["OccurredAt"] = record.OccurredAt,
            ["Partial"] = record.Partial,
            ["CorrelationId"] = record.CorrelationId,
        };
        if (json.Length <= MaxStringChars)
        {
            entity["Record"] = json;
        }
        else if (Encoding.UTF8.GetByteCount(json) <= MaxBinaryBytes)
        {
            entity["RecordUtf8"] = Encoding.UTF8.GetBytes(json);
        }
        else
        {
            entity["RecordTooLarge"] = true;
        }

        await _records.UpsertCreatingTableAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        if (record.Project?.Id is { } projectId && SubjectId(record) is { } subject)
        {
            var occurred = record.OccurredAt ?? record.EnrichedAt;
            var inverted = (DateTimeOffset.MaxValue.UtcTicks - occurred.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
            var pointer = new TableEntity($"{record.ConnectionId}-{projectId.ToString(CultureInfo.InvariantCulture)}", $"{record.Kind}-{subject}-{inverted}-{DedupeStore.RowKey(record.EventId)}")
            {
                ["EventId"] = record.EventId,
                ["Action"] = record.Action,
                ["OccurredAt"] = occurred,
            };
            await _subjects.UpsertCreatingTableAsync(pointer, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<string?> GetJsonAsync(string connectionId, string eventId, CancellationToken cancellationToken)
    {
        var entity = await _records.FindAsync(connectionId, DedupeStore.RowKey(eventId), ["Record", "RecordUtf8"], cancellationToken).ConfigureAwait(false);
        return entity?.GetString("Record") ?? entity?.GetBinaryData("RecordUtf8")?.ToString();
    }

    /// <summary>How many records a connection has (used by tests and resilience checks); reads keys only.</summary>
    public async Task<int> CountAsync(string connectionId, CancellationToken cancellationToken) =>
        await _records.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {connectionId}"), 1000, ["RowKey"], cancellationToken).CountAsync(cancellationToken).ConfigureAwait(false);

    private static string? SubjectId(EnrichedRecord record) =>
        new[] { "iid", "noteId", "id", "after" }.Select(name => record.Subject[name]).FirstOrDefault(node => node is not null)?.ToString();
}
