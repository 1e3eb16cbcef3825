namespace GitLabConnector.Telemetry;

/// <summary>The connector's spans (an event's trace across ingest and enrichment: <c>Webhooks/EventSpans.cs</c>).</summary>
public static class ConnectorActivitySource
{
    public static ActivitySource Source { get; } = new(TelemetryNames.ActivitySourceName);

    /// <summary>Starts the ingest span as a child of the request's activity (which joined any incoming traceparent).</summary>
    public static Activity? StartIngest(string connectionId) =>
        Source.StartActivity(TelemetryNames.Spans.Ingest, ActivityKind.Internal)?.SetTag(TelemetryNames.Spans.ConnectionId, connectionId);

    /// <summary>Starts the span of publishing an enriched record on a queue.</summary>
    public static Activity? StartPublish(string queue, string eventId) =>
        Source.StartActivity(TelemetryNames.Spans.Publish, ActivityKind.Producer)?
            .SetTag(TelemetryNames.Spans.Destination, queue)
            .SetTag(TelemetryNames.Spans.EventId, eventId);

    /// <summary>Tags the current span with an outcome; failures also mark it as an error.</summary>
    public static void SetOutcome(string outcome, bool failed = false)
    {
        if (Activity.Current is { } activity && activity.Source == Source)
        {
            activity.SetTag(TelemetryNames.Spans.Outcome, outcome);
            if (failed)
            {
                activity.SetStatus(ActivityStatusCode.Error, outcome);
            }
        }
    }
}
