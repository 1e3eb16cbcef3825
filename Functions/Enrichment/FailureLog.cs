using GitLabConnector.Storage;

namespace GitLabConnector.Enrichment;

/// <summary>
/// The last failure reason per event (table <c>failures</c>, partition = connection, row = event id), so the
/// dead-letter API can say why a poison message failed. The poison queue itself carries only the original text.
/// </summary>
public sealed class FailureLog(TableServiceClient tables, TimeProvider time)
{
    public const string TableName = "failures";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task RecordAsync(string connectionId, string eventId, string reason, long attempt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, SafeKey(eventId))
        {
            ["Reason"] = reason.Length > 2000 ? reason[..2000] : reason,
            ["Attempt"] = attempt,
            ["FailedAt"] = time.GetUtcNow(),
        };
        await _table.UpsertCreatingTableAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last failure and the attempt it ended, or null when none is recorded.</summary>
    public async Task<(string Reason, long Attempt)?> GetAsync(string connectionId, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(connectionId, SafeKey(eventId), ["Reason", "Attempt"], cancellationToken).ConfigureAwait(false);
            return response.HasValue && response.Value!.GetString("Reason") is { } reason ? (reason, response.Value.GetInt64("Attempt") ?? 1) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task ClearAsync(string connectionId, string eventId, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(connectionId, SafeKey(eventId), ETag.All, cancellationToken).ConfigureAwait(false);

    private static string SafeKey(string eventId) => DedupeStore.RowKey(eventId);
}
