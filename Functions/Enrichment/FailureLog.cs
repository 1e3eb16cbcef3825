using GitLabConnector.Storage;

namespace GitLabConnector.Enrichment;

/// <summary>
/// The last failure reason per event (table <c>failures</c>, partition = connection, row = event id), so the
/// dead-letter API can say why a poison message failed. The poison queue itself carries only the original text.
/// </summary>
public sealed class FailureLog(ITableService tables, TimeProvider time)
{
    public const string TableName = "failures";

    public async Task RecordAsync(string connectionId, string eventId, string reason, long attempt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, SafeKey(eventId))
        {
            ["Reason"] = reason.Length > 2000 ? reason[..2000] : reason,
            ["Attempt"] = attempt,
            ["FailedAt"] = time.GetUtcNow(),
        };
        await tables.UpsertCreatingTableAsync(TableName, entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> GetReasonAsync(string connectionId, string eventId, CancellationToken cancellationToken) =>
        (await GetAsync(connectionId, eventId, cancellationToken).ConfigureAwait(false))?.Reason;

    /// <summary>The last failure and the attempt it ended, or null when none is recorded.</summary>
    public async Task<(string Reason, long Attempt)?> GetAsync(string connectionId, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            var entity = await tables.GetAsync(TableName, connectionId, SafeKey(eventId), cancellationToken).ConfigureAwait(false);
            return entity?.GetString("Reason") is { } reason ? (reason, entity.GetInt64("Attempt") ?? 1) : null;
        }
        catch (StorageRequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task ClearAsync(string connectionId, string eventId, CancellationToken cancellationToken) =>
        tables.DeleteAsync(TableName, connectionId, SafeKey(eventId), "*", cancellationToken);

    private static string SafeKey(string eventId) => DedupeStore.RowKey(eventId);
}
