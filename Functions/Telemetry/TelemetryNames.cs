namespace GitLabConnector.Telemetry;

/// <summary>
/// The one place that names what the app emits and what the alert rules and workbook query
/// (<c>infra/modules/alerts.bicep</c>, <c>infra/modules/workbook.json</c>, docs/operations.md).
/// An invariant test checks every name those files use is listed here and that the code really emits it.
/// </summary>
public static class TelemetryNames
{
    public const string ActivitySourceName = "GitLabConnector";

    public static class Meters
    {
        private const string Prefix = ActivitySourceName + ".";
        public const string Webhooks = Prefix + "Webhooks";
        public const string Enrichment = Prefix + "Enrichment";
        public const string GitLab = Prefix + "GitLab";
        public const string Tokens = Prefix + "Tokens";
        public const string Queues = Prefix + "Queues";

        public static IReadOnlyList<string> All { get; } = [Webhooks, Enrichment, GitLab, Tokens, Queues];
    }

    /// <summary>Instrument names (in Application Insights: <c>customMetrics.name</c>).</summary>
    public static class Instruments
    {
        public const string WebhookDeliveries = "gitlab_connector.webhook.deliveries";
        public const string WebhookIngestDuration = "gitlab_connector.webhook.ingest_duration";
        public const string WebhookPayloadSize = "gitlab_connector.webhook.payload_size";

        public const string EnrichEvents = "gitlab_connector.enrich.events";
        public const string EnrichDuration = "gitlab_connector.enrich.duration";
        public const string EnrichLag = "gitlab_connector.enrich.lag";

        public const string GitLabRequests = "gitlab.requests";
        public const string GitLabRateLimited = "gitlab.rate_limited";
        public const string GitLabRetries = "gitlab.retries";
        public const string GitLabBudgetWait = "gitlab.budget.wait";
        public const string GitLabRateLimitRemaining = "gitlab.rate_limit.remaining";

        public const string TokenDaysLeft = "gitlab_connector.token.days_left";

        public const string QueueMessages = "gitlab_connector.queue.messages";
    }

    /// <summary>Metric dimension (tag) names and the values alerts filter on.</summary>
    public static class Tags
    {
        public const string Outcome = "outcome";
        public const string Event = "event";
        public const string Kind = "kind";
        public const string Connection = "connection";
        public const string State = "state";
        public const string Queue = "queue";
        public const string HttpStatus = "http.response.status_code";
        public const string HttpMethod = "http.request.method";
    }

    /// <summary>Values of <see cref="Tags.Outcome"/> on <see cref="Instruments.WebhookDeliveries"/>.</summary>
    public static class DeliveryOutcomes
    {
        public const string Queued = "queued";
        public const string Ignored = "ignored";
        public const string MissingToken = "missing-token";
        public const string MissingSignature = "missing-signature";
        public const string InvalidToken = "invalid-token";
        public const string InvalidSignature = "invalid-signature";
        public const string StaleSignature = "stale-signature";
        public const string NoSecret = "no-secret";
    }

    /// <summary>Values of <see cref="Tags.Outcome"/> on <see cref="Instruments.EnrichEvents"/>.</summary>
    public static class EnrichOutcomes
    {
        public const string Enriched = "enriched";
        public const string Partial = "partial";
        public const string Failed = "failed";
        public const string Malformed = "malformed";
        public const string Parked = "parked";
    }

    /// <summary>
    /// Span names and tags: Azure Monitor writes <see cref="Enrich"/> (a consumer span) to <c>requests</c>, the others to
    /// <c>dependencies</c>, each tag as a <c>customDimensions</c> key.
    /// </summary>
    public static class Spans
    {
        public const string Ingest = "ingest";
        public const string Enrich = "enrich";
        public const string Publish = "publish";

        public const string CorrelationId = "gitlab.correlation_id";
        public const string EventId = "gitlab.event_id";
        public const string IdempotencyKey = "gitlab.idempotency_key";
        public const string ConnectionId = "gitlab.connection_id";
        public const string EventName = "gitlab.event";
        public const string ObjectKind = "gitlab.object_kind";
        public const string PayloadBytes = "gitlab.payload_bytes";
        public const string Outcome = "gitlab.outcome";
        public const string MessageId = "messaging.message.id";
        public const string DequeueCount = "messaging.dequeue_count";
        public const string Destination = "messaging.destination.name";
    }

    /// <summary>
    /// Log fields in <c>traces.customDimensions</c>: the event id as <see cref="LogEventIdProperty"/> (a template value of
    /// that name would win over it, so templates say <c>{GitLabEventId}</c>), template and scope values by name.
    /// </summary>
    public static class Logs
    {
        public const string LogEventIdProperty = "EventId";
        public const string DaysLeftProperty = "DaysLeft";
        public const string ConnectionIdProperty = "ConnectionId";

        /// <summary>Scope keys set while an event is enriched (not <c>ConnectionId</c>: Kestrel's scope uses that name).</summary>
        public const string GitLabConnectionId = "GitLabConnectionId";
        public const string GitLabEventId = "GitLabEventId";
    }

    /// <summary>Log event ids that alerts and the workbook query (declared in Webhooks/WebhookLog.cs and Tokens/TokenLog.cs).</summary>
    public static class LogEvents
    {
        // Webhooks/WebhookLog.cs
        public const int WebhookAccepted = 2000;
        public const int WebhookRejected = 2002;
        public const int WebhookAuthenticationFailed = 2003;

        // Tokens/TokenLog.cs (TokenAlertKind)
        public const int TokenExpiring = 1601;
        public const int TokenExpired = 1602;
        public const int TokenRevoked = 1603;
        public const int TokenInvalid = 1604;
        public const int TokenRotationFailed = 1606;
        public const int RotatedTokenNotPersisted = 1607;
    }
}
