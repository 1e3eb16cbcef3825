using System.Collections.Frozen;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Fills the fields every kind shares and hands the subject to the enricher for the event's object kind
/// (<see cref="PassThroughEnricher"/> for kinds without one).
/// </summary>
public sealed class EventEnricher : IEventEnricher
{
    private readonly FrozenDictionary<string, ISubjectEnricher> _byKind;
    private readonly PassThroughEnricher _passThrough;
    private readonly UserDirectory _users;
    private readonly TimeProvider _time;
    private readonly ILogger<EventEnricher> _logger;

    public EventEnricher(IEnumerable<ISubjectEnricher> enrichers, PassThroughEnricher passThrough, UserDirectory users, TimeProvider time, ILogger<EventEnricher> logger)
    {
        ArgumentNullException.ThrowIfNull(enrichers);
        _byKind = enrichers
            .SelectMany(e => e.Kinds.Select(kind => KeyValuePair.Create(kind, e)))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _passThrough = passThrough;
        _users = users;
        _time = time;
        _logger = logger;
    }

    public async Task<EnrichedRecord> EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var envelope = context.Envelope;
        var payload = context.Payload;
        var connectionId = context.GitLab.ConnectionId;

        var kind = EventFacts.Kind(envelope, payload);
        var project = EventFacts.Project(payload);
        var actor = await EventFacts.ActorAsync(kind, payload, connectionId, _users, cancellationToken).ConfigureAwait(false);
        var scope = new EnrichmentScope(
            context,
            kind,
            project,
            actor,
            error => EnrichmentLog.SubResourceUnavailable(_logger, envelope.EventId, envelope.ConnectionId, error.Resource, error.Status));

        var enricher = _byKind.GetValueOrDefault(kind) ?? _passThrough;
        var subject = await enricher.EnrichAsync(scope, cancellationToken).ConfigureAwait(false);
        var errors = scope.Errors;

        var record = new EnrichedRecord
        {
            EventId = envelope.EventId,
            ConnectionId = envelope.ConnectionId,
            EventName = envelope.EventName,
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
            EnrichedAt = _time.GetUtcNow(),
        };

        EnrichmentLog.Enriched(_logger, envelope.EventId, envelope.ConnectionId, kind, record.Partial);
        return record;
    }

    /// <summary>Resource name for errors: the REST path under <c>/api/v4</c>.</summary>
    internal static string ResourcePath(long? projectId, string rest) =>
        projectId is { } id ? $"projects/{id}/{rest}" : rest;
}
