using GitLabConnector.Storage;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Final states of deliveries that produce no enriched record (partition = connection, row = event id): ignored,
/// duplicate (of the event named) or invalid (with the reason); without them the events route would say "queued" forever.
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
        var entity = await _table.FindAsync(connectionId, EventIdentity.RowKey(eventId), null, cancellationToken).ConfigureAwait(false);
        return entity?.GetString("State") is { } state ? new DeliveryOutcome(state, entity.GetString("Reason"), entity.GetString("DuplicateOf")) : null;
    }
}

public sealed record DeliveryOutcome(string State, string? Reason, string? DuplicateOf);
