using System.Globalization;
using System.Text;
using Azure;
using GitLabConnector.Storage;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Enriched records for lookup: table <c>enriched</c> by connection + event id (upsert, so a re-run after a crash
/// leaves one record), and table <c>enrichedsubjects</c> by connection + project + subject, newest first.
/// </summary>
public sealed class EnrichedRecordStore(ITableService tables)
{
    public const string RecordsTable = "enriched";
    public const string SubjectsTable = "enrichedsubjects";

    // A string property holds 32K UTF-16 characters; larger records are stored as UTF-8 binary (64 KiB) or truncated to a pointer.
    private const int MaxStringChars = 30_000;
    private const int MaxBinaryBytes = 60_000;

    public async Task SaveAsync(EnrichedRecord record, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
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
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (json.Length <= MaxStringChars)
        {
            entity["Record"] = json;
        }
        else if (bytes <= MaxBinaryBytes)
        {
            entity["RecordUtf8"] = Encoding.UTF8.GetBytes(json);
        }
        else
        {
            entity["RecordTooLarge"] = true;
        }

        RemoveNulls(entity);
        await tables.UpsertCreatingTableAsync(RecordsTable, entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

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
            RemoveNulls(pointer);
            await tables.UpsertCreatingTableAsync(SubjectsTable, pointer, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<string?> GetJsonAsync(string connectionId, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            var entity = await tables.GetAsync(RecordsTable, connectionId, DedupeStore.RowKey(eventId), cancellationToken).ConfigureAwait(false);
            return entity?.GetString("Record") ?? (entity?["RecordUtf8"] is byte[] utf8 ? Encoding.UTF8.GetString(utf8) : null);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>How many records a connection has (used by tests and resilience checks).</summary>
    public async Task<int> CountAsync(string connectionId, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in tables.QueryAsync(RecordsTable, $"PartitionKey eq '{connectionId.Replace("'", "''", StringComparison.Ordinal)}'", 1000, cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    private static string? SubjectId(EnrichedRecord record)
    {
        foreach (var name in new[] { "iid", "noteId", "id", "after" })
        {
            if (record.Subject[name] is { } node)
            {
                return node.ToString();
            }
        }

        return null;
    }

    private static void RemoveNulls(TableEntity entity)
    {
        foreach (var key in entity.Properties.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            entity.Remove(key);
        }
    }
}
