using GitLabConnector.Telemetry;

namespace GitLabConnector.Webhooks;

/// <summary>
/// One trace follows an event: the envelope carries the ingest span's W3C <c>traceparent</c>, the enrich span continues
/// that trace (linked to the invocation that ran it), and the GitLab calls and the publish made while enriching are its children.
/// </summary>
public static class EventSpans
{
    /// <summary>Records what ingest learned about the delivery: identity, kind and size only, never the body.</summary>
    public static void TagDelivery(Activity? activity, EventEnvelope envelope, int payloadBytes)
        => TagEvent(activity, envelope)?.SetTag(TelemetryNames.Spans.PayloadBytes, payloadBytes);

    /// <summary>
    /// Starts the enrich span in the trace of the envelope's <c>traceparent</c> (else of a correlation id that is a W3C
    /// trace id; else a new trace), linked to the current activity (the queue-trigger invocation) when there is one.
    /// </summary>
    public static Activity? StartEnrich(EventEnvelope envelope, string messageId, long dequeueCount)
    {
        var invocation = Activity.Current;
        ActivityLink[] links = invocation is null ? [] : [new ActivityLink(invocation.Context)];

        // A default parent context means "Activity.Current"; clear it (this async flow only) so no parent starts a new trace.
        Activity.Current = null;
        var activity = ConnectorActivitySource.Source.StartActivity(TelemetryNames.Spans.Enrich, ActivityKind.Consumer, ParentOf(envelope) ?? default, links: links);
        return TagEvent(activity, envelope)?
            .SetTag(TelemetryNames.Spans.MessageId, messageId)
            .SetTag(TelemetryNames.Spans.DequeueCount, dequeueCount);
    }

    /// <summary>The remote parent the envelope names: its traceparent, else a correlation id that is a 32-hex W3C trace id.</summary>
    internal static ActivityContext? ParentOf(EventEnvelope envelope)
    {
        if (ActivityContext.TryParse(envelope.TraceParent, null, isRemote: true, out var parent))
        {
            return parent;
        }

        var id = envelope.CorrelationId;
        return id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower) && !id.All(c => c == '0')
            ? new ActivityContext(ActivityTraceId.CreateFromString(id), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true)
            : null;
    }

    private static Activity? TagEvent(Activity? activity, EventEnvelope envelope) =>
        activity?
            .SetTag(TelemetryNames.Spans.CorrelationId, envelope.CorrelationId)
            .SetTag(TelemetryNames.Spans.EventId, envelope.EventId)
            .SetTag(TelemetryNames.Spans.IdempotencyKey, envelope.IdempotencyKey)
            .SetTag(TelemetryNames.Spans.ConnectionId, envelope.ConnectionId)
            .SetTag(TelemetryNames.Spans.EventName, envelope.EventName)
            .SetTag(TelemetryNames.Spans.ObjectKind, envelope.ObjectKind);
}
