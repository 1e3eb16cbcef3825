using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Turns one accepted event into an <see cref="EnrichedRecord"/>, calling GitLab only for what the payload lacks.
/// 404/403 on a sub-resource make the record partial; 401 (<see cref="GitLabUnauthorizedException"/>) and transient
/// <see cref="GitLabApiException"/>s propagate so the processor can re-read the token, park or retry.
/// </summary>
public interface IEventEnricher
{
    Task<EnrichedRecord> EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken);
}

/// <param name="Envelope">The queued envelope.</param>
/// <param name="Payload">The GitLab body (inline or loaded from the claim-check blob).</param>
/// <param name="Connection">The connection the event arrived on.</param>
/// <param name="GitLab">Where and with which token to call GitLab for this event.</param>
public sealed record EnrichmentContext(EventEnvelope Envelope, JsonElement Payload, ConnectionRecord Connection, GitLabConnection GitLab);
