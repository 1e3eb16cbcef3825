using GitLabConnector.Enrichment;

namespace GitLabConnector.Admin;

/// <summary><c>GET /api/connections/{id}/events/{eventId}</c>: one delivery's processing state.</summary>
public sealed class EventStatusHandler(EventStatusQuery query)
{
    public async Task<Results<Ok<EventStatus>, ProblemHttpResult>> GetAsync(string id, string eventId, CancellationToken cancellationToken) =>
        Webhooks.EventIdentity.IsSafeId(eventId) && Connections.ConnectionId.IsValid(id)
            ? TypedResults.Ok(await query.GetAsync(id, eventId, cancellationToken).ConfigureAwait(false))
            : AdminProblems.Create(StatusCodes.Status404NotFound, "unknown-event", "No event has that id.");
}
