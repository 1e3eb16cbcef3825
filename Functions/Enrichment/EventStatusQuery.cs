using System.Text.Json.Nodes;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Where one accepted event is: enriched (with its record), parked (with why), failing (last failure reason; it is
/// retried and finally dead-lettered), or not processed yet. Lets an operator follow a delivery by its event id.
/// </summary>
public sealed class EventStatusQuery(EnrichedRecordStore records, ParkedEventStore parked, FailureLog failures)
{
    public async Task<EventStatus> GetAsync(string connectionId, string eventId, CancellationToken cancellationToken)
    {
        if (await records.GetJsonAsync(connectionId, eventId, cancellationToken).ConfigureAwait(false) is { } json)
        {
            return new EventStatus(eventId, connectionId, "enriched", null, JsonNode.Parse(json));
        }

        if (await parked.GetReasonAsync(connectionId, eventId, cancellationToken).ConfigureAwait(false) is { } parkedReason)
        {
            return new EventStatus(eventId, connectionId, "parked", parkedReason, null);
        }

        if (await failures.GetReasonAsync(connectionId, eventId, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return new EventStatus(eventId, connectionId, "failing", failure, null);
        }

        return new EventStatus(eventId, connectionId, "pending", "not processed yet (or unknown to this connection)", null);
    }
}

public sealed record EventStatus(string EventId, string ConnectionId, string Status, string? Reason, JsonNode? Record);
