using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Enrichment;

/// <param name="Payload">The GitLab body (inline or loaded from the claim-check blob).</param>
/// <param name="Connection">The connection the event arrived on.</param>
/// <param name="GitLab">Where and with which token to call GitLab for this event.</param>
public sealed record EnrichmentContext(EventEnvelope Envelope, JsonElement Payload, ConnectionRecord Connection, GitLabConnection GitLab);
