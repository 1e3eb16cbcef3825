using System.Collections.Frozen;
using GitLabConnector.GitLab;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Enrichment;

/// <summary>
/// The record fields every kind shares, and the subject from the enricher for its kind. 401 and transient GitLab failures
/// propagate so the processor can re-read the token, park or retry.
/// </summary>
public sealed class EventEnricher(IEnumerable<ISubjectEnricher> enrichers, PassThroughEnricher passThrough, UserDirectory users, TimeProvider time, ILogger<EventEnricher> logger)
{
    private readonly FrozenDictionary<string, ISubjectEnricher> _byKind = enrichers
        .SelectMany(e => e.Kinds.Select(kind => KeyValuePair.Create(kind, e)))
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <param name="payload">The GitLab body (inline or loaded from the claim-check blob).</param>
    public async Task<EnrichedRecord> EnrichAsync(EventEnvelope envelope, JsonElement payload, GitLabConnection gitLab, CancellationToken cancellationToken)
    {
        var kind = EventFacts.Kind(envelope, payload);
        var project = EventFacts.Project(payload);
        var actor = await EventFacts.ActorAsync(kind, payload, gitLab.ConnectionId, users, cancellationToken).ConfigureAwait(false);
        var scope = new EnrichmentScope(
            payload,
            gitLab,
            project,
            actor,
            error => EnrichmentLog.SubResourceUnavailable(logger, envelope.EventId, envelope.ConnectionId, error.Resource, error.Status));

        var subject = await (_byKind.GetValueOrDefault(kind) ?? passThrough).EnrichAsync(scope, cancellationToken).ConfigureAwait(false);
        var errors = scope.Errors;
        var record = new EnrichedRecord
        {
            EventId = envelope.EventId,
            ConnectionId = envelope.ConnectionId,
            EventName = envelope.EventName,
            Source = envelope.Source ?? EventSources.Webhook,
            Kind = kind,
            Action = EventFacts.Action(payload),
            OccurredAt = EventFacts.OccurredAt(kind, payload, envelope.ReceivedAt),
            Project = project,
            Actor = actor,
            Subject = subject.Subject,
            JiraKeys = JiraKeyExtractor.Extract(subject.JiraKeySources),
            Partial = errors.Count > 0,
            Errors = errors,
            CorrelationId = envelope.CorrelationId,
            EnrichedAt = time.GetUtcNow(),
        };

        EnrichmentLog.Enriched(logger, envelope.EventId, envelope.ConnectionId, kind, record.Partial);
        return record;
    }

    /// <summary>Resource name for errors: the REST path under <c>/api/v4</c>.</summary>
    internal static string ResourcePath(long? projectId, string rest) =>
        projectId is { } id ? $"projects/{id}/{rest}" : rest;
}
