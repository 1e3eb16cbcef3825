using System.Collections.Frozen;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Turns one accepted event into an <see cref="EnrichedRecord"/>: fills the fields every kind shares and hands the
/// subject to the enricher for the event's object kind (<see cref="PassThroughEnricher"/> for kinds without one).
/// 404/403 on a sub-resource make the record partial; 401 and transient GitLab failures propagate so the processor
/// can re-read the token, park or retry.
/// </summary>
public sealed class EventEnricher(IEnumerable<ISubjectEnricher> enrichers, PassThroughEnricher passThrough, UserDirectory users, TimeProvider time, ILogger<EventEnricher> logger)
{
    private readonly FrozenDictionary<string, ISubjectEnricher> _byKind = enrichers
        .SelectMany(e => e.Kinds.Select(kind => KeyValuePair.Create(kind, e)))
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public async Task<EnrichedRecord> EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken)
    {
        var envelope = context.Envelope;
        var payload = context.Payload;
        var kind = EventFacts.Kind(envelope, payload);
        var project = EventFacts.Project(payload);
        var actor = await EventFacts.ActorAsync(kind, payload, context.GitLab.ConnectionId, users, cancellationToken).ConfigureAwait(false);
        var scope = new EnrichmentScope(
            context,
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
