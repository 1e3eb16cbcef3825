using GitLabConnector.Storage;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Final states of deliveries that produce no enriched record (table <c>deliveryoutcomes</c>, partition = connection,
/// row = event id): <c>ignored</c> (not subscribed, or the connection was gone), <c>duplicate</c> (with the event that
/// carried the same change) and <c>invalid</c> (a payload no retry can enrich, with the reason). Without them the events
/// route would say "queued" forever for a delivery that was settled long ago.
/// </summary>
public sealed class DeliveryOutcomes(TableServiceClient tables, TimeProvider time)
{
    public const string TableName = "deliveryoutcomes";
    private readonly TableClient _table = tables.GetTableClient(TableName);
    public const string Ignored = "ignored";
    public const string Duplicate = "duplicate";
    public const string Invalid = "invalid";

    public async Task RecordAsync(string connectionId, string eventId, string state, string reason, string? duplicateOf, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, EventIdentity.RowKey(eventId))
        {
            ["State"] = state,
            ["Reason"] = reason.Length > 2000 ? reason[..2000] : reason,
            ["DuplicateOf"] = duplicateOf,
            ["At"] = time.GetUtcNow(),
        };
        await _table.UpsertCreatingTableAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeliveryOutcome?> GetAsync(string connectionId, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(connectionId, EventIdentity.RowKey(eventId), cancellationToken: cancellationToken).ConfigureAwait(false);
            var entity = response.HasValue ? response.Value! : null;
            return entity?.GetString("State") is { } state ? new DeliveryOutcome(state, entity.GetString("Reason"), entity.GetString("DuplicateOf")) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}

/// <summary>A recorded final state: <see cref="DeliveryOutcomes.Ignored"/>, <see cref="DeliveryOutcomes.Duplicate"/> or <see cref="DeliveryOutcomes.Invalid"/>.</summary>
public sealed record DeliveryOutcome(string State, string? Reason, string? DuplicateOf);
