namespace GitLabConnector.Enrichment;

/// <summary>What consumers receive on the enriched queue and find in the enriched table (docs/enriched-records.md); camelCase JSON.</summary>
public sealed record EnrichedRecord
{
    public const string SchemaId = "gitlab-connector/enriched@1";

    public string Schema { get; init; } = SchemaId;
    public required string EventId { get; init; }
    public required string ConnectionId { get; init; }
    public required string EventName { get; init; }

    /// <summary><c>webhook</c>, or <c>sync</c> for a change a sync found through the REST API.</summary>
    public string Source { get; init; } = EventSources.Webhook;

    /// <summary>GitLab's <c>object_kind</c> (or <c>event_name</c> for bodies without one, e.g. Member Hook).</summary>
    public required string Kind { get; init; }
    public string? Action { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public EnrichedProject? Project { get; init; }
    public EnrichedUser? Actor { get; init; }

    /// <summary>Per-kind details (merge_request, note, push, pipeline, issue); for other kinds the payload's object attributes.</summary>
    public JsonObject Subject { get; init; } = [];
    public IReadOnlyList<string> JiraKeys { get; init; } = [];
    public bool Partial { get; init; }
    public IReadOnlyList<EnrichmentError> Errors { get; init; } = [];
    public string? CorrelationId { get; init; }
    public DateTimeOffset EnrichedAt { get; init; }
}

public sealed record EnrichedProject(long? Id, string? Path, string? WebUrl);

public sealed record EnrichedUser(long? Id, string? Username, string? Name, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email);

/// <summary>A resource that could not be read (gone, hidden or forbidden); the record is then <c>partial</c>.</summary>
public sealed record EnrichmentError(string Resource, int Status, string Message);
