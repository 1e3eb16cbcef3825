namespace GitLabConnector.Enrichment;

/// <summary>What consumers receive on the enriched queue and find in the enriched table (docs/enriched-records.md).</summary>
public sealed record EnrichedRecord
{
    public const string SchemaId = "gitlab-connector/enriched@1";

    [JsonPropertyName("schema")] public string Schema { get; init; } = SchemaId;
    [JsonPropertyName("eventId")] public required string EventId { get; init; }
    [JsonPropertyName("connectionId")] public required string ConnectionId { get; init; }
    [JsonPropertyName("eventName")] public required string EventName { get; init; }

    /// <summary><c>webhook</c>, or <c>sync</c> for a change a sync found through the REST API.</summary>
    [JsonPropertyName("source")] public string Source { get; init; } = EventSources.Webhook;

    /// <summary>GitLab's <c>object_kind</c> (or <c>event_name</c> for bodies without one, e.g. Member Hook).</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("action")] public string? Action { get; init; }
    [JsonPropertyName("occurredAt")] public DateTimeOffset? OccurredAt { get; init; }
    [JsonPropertyName("project")] public EnrichedProject? Project { get; init; }
    [JsonPropertyName("actor")] public EnrichedUser? Actor { get; init; }

    /// <summary>Per-kind details (merge_request, note, push, pipeline, issue); for other kinds the payload's object attributes.</summary>
    [JsonPropertyName("subject")] public JsonObject Subject { get; init; } = [];
    [JsonPropertyName("jiraKeys")] public IReadOnlyList<string> JiraKeys { get; init; } = [];
    [JsonPropertyName("partial")] public bool Partial { get; init; }
    [JsonPropertyName("errors")] public IReadOnlyList<EnrichmentError> Errors { get; init; } = [];
    [JsonPropertyName("correlationId")] public string? CorrelationId { get; init; }
    [JsonPropertyName("enrichedAt")] public DateTimeOffset EnrichedAt { get; init; }
}

public sealed record EnrichedProject(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("webUrl")] string? WebUrl);

public sealed record EnrichedUser(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email);

/// <summary>A resource that could not be read (gone, hidden or forbidden); the record is then <c>partial</c>.</summary>
public sealed record EnrichmentError(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("message")] string Message);
