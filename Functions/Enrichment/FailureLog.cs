using GitLabConnector.Storage;

namespace GitLabConnector.Enrichment;

/// <summary>The last failure per event: the poison queue keeps only the original text, so the dead-letter API says why from here.</summary>
public sealed class FailureLog(TableServiceClient tables, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient("failures");

    public async Task RecordAsync(string connectionId, string eventId, string reason, long attempt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, DedupeStore.RowKey(eventId))
        {
            ["Reason"] = reason.Length > 2000 ? reason[..2000] : reason,
            ["Attempt"] = attempt,
            ["FailedAt"] = time.GetUtcNow(),
        };
        await _table.UpsertCreatingTableAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(string Reason, long Attempt)?> GetAsync(string connectionId, string eventId, CancellationToken cancellationToken)
    {
        var entity = await _table.FindAsync(connectionId, DedupeStore.RowKey(eventId), ["Reason", "Attempt"], cancellationToken).ConfigureAwait(false);
        return entity?.GetString("Reason") is { } reason ? (reason, entity.GetInt64("Attempt") ?? 1) : null;
    }

    public async Task ClearAsync(string connectionId, string eventId, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(connectionId, DedupeStore.RowKey(eventId), ETag.All, cancellationToken).ConfigureAwait(false);
}
