using GitLabConnector.Storage;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Enrichment;

/// <summary>Where one delivery is, for an operator following it by event id (docs/admin-api.md events route).</summary>
public sealed class EventStatusQuery(EnrichedRecordStore records, DeliveryOutcomes outcomes, ParkedEventStore parked, FailureLog failures, IOptions<QueueOptions> options)
{
    public async Task<EventStatus> GetAsync(string connectionId, string eventId, CancellationToken cancellationToken)
    {
        if (await records.GetJsonAsync(connectionId, eventId, cancellationToken).ConfigureAwait(false) is { } json)
        {
            return new EventStatus(eventId, connectionId, "enriched", null, JsonNode.Parse(json));
        }

        if (await outcomes.GetAsync(connectionId, eventId, cancellationToken).ConfigureAwait(false) is { } outcome)
        {
            return new EventStatus(eventId, connectionId, outcome.State, outcome.Reason, null) { DuplicateOf = outcome.DuplicateOf };
        }

        if (await parked.GetReasonAsync(connectionId, eventId, cancellationToken).ConfigureAwait(false) is { } parkedReason)
        {
            return new EventStatus(eventId, connectionId, "parked", parkedReason, null);
        }

        if (await failures.GetAsync(connectionId, eventId, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return failure.Attempt >= options.Value.MaxDequeueCount
                ? new EventStatus(eventId, connectionId, "dead-lettered", $"failed all {failure.Attempt} attempts; in the poison queue (replay it with POST /api/deadletter/replay): {failure.Reason}", null) { Attempts = failure.Attempt }
                : new EventStatus(eventId, connectionId, "failing", failure.Reason, null) { Attempts = failure.Attempt };
        }

        // Accepting a delivery costs one write, the queue message, so "accepted but not processed yet" and "never
        // accepted" cannot be told apart here without a second write on every delivery.
        return new EventStatus(eventId, connectionId, "queued", "not processed yet (or never accepted by this connection)", null);
    }
}

public sealed record EventStatus(string EventId, string ConnectionId, string Status, string? Reason, JsonNode? Record)
{
    /// <summary>For <c>duplicate</c>: the event that carried the same change.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DuplicateOf { get; init; }

    /// <summary>For <c>failing</c> and <c>dead-lettered</c>: attempts made so far.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Attempts { get; init; }
}
