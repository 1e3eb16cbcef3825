namespace GitLabConnector.Webhooks;

/// <summary>
/// What ingestion puts on the events queue (docs/webhooks.md): one accepted GitLab delivery. The payload is inline,
/// or — when the envelope would not fit a queue message — in a blob named by <see cref="PayloadRef"/>
/// (<c>{container}/{connectionId}/{eventId}.json</c>).
/// </summary>
public sealed record EventEnvelope
{
    public const string SchemaId = "gitlab-connector/event@1";

    [JsonPropertyName("schema")] public string Schema { get; init; } = SchemaId;
    [JsonPropertyName("eventId")] public required string EventId { get; init; }
    [JsonPropertyName("dedupeKey")] public required string DedupeKey { get; init; }
    [JsonPropertyName("connectionId")] public required string ConnectionId { get; init; }
    [JsonPropertyName("eventName")] public required string EventName { get; init; }
    [JsonPropertyName("objectKind")] public string? ObjectKind { get; init; }
    [JsonPropertyName("receivedAt")] public required DateTimeOffset ReceivedAt { get; init; }
    [JsonPropertyName("webhookUuid")] public string? WebhookUuid { get; init; }
    [JsonPropertyName("eventUuid")] public string? EventUuid { get; init; }
    [JsonPropertyName("instance")] public string? Instance { get; init; }
    [JsonPropertyName("idempotencyKey")] public string? IdempotencyKey { get; init; }

    /// <summary>Carried from the webhook request through enrichment and every GitLab call made for the event.</summary>
    [JsonPropertyName("correlationId")] public string? CorrelationId { get; init; }

    /// <summary>W3C <c>traceparent</c> of the ingest span: enrichment continues the webhook request's trace from it.</summary>
    [JsonPropertyName("traceparent")] public string? TraceParent { get; init; }

    /// <summary>Null for a webhook delivery; <c>sync</c> for a change a sync found (its dedupe key is the change's identity).</summary>
    [JsonPropertyName("source")] public string? Source { get; init; }

    [JsonPropertyName("payload")] public JsonElement? Payload { get; init; }
    [JsonPropertyName("payloadRef")] public string? PayloadRef { get; init; }
}
