using System.Diagnostics;
using GitLabConnector.Hosting;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Telemetry;

/// <summary>
/// The connector's spans. One correlation id follows an event: the ingest span's trace id becomes the envelope's
/// <c>correlationId</c>, and the enrich span reuses it as its trace id, so the GitLab HTTP calls made while enriching
/// (HttpClient creates child activities and sends <c>traceparent</c>) share it too.
/// </summary>
public static class ConnectorActivitySource
{
    public static ActivitySource Source { get; } = new(TelemetryNames.ActivitySourceName);

    /// <summary>Starts the ingest span as a child of the request's activity (which joined any incoming traceparent).</summary>
    public static Activity? StartIngest(string connectionId)
    {
        var activity = Source.StartActivity(TelemetryNames.Spans.Ingest, ActivityKind.Internal);
        activity?.SetTag(TelemetryNames.Spans.ConnectionId, connectionId);
        return activity;
    }

    /// <summary>Records what ingest learned about the delivery: identity, kind and size only, never the body.</summary>
    public static void TagDelivery(Activity? activity, EventEnvelope envelope, int payloadBytes)
    {
        if (activity is null)
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(envelope);
        activity.SetTag(TelemetryNames.Spans.EventId, envelope.EventId);
        activity.SetTag(TelemetryNames.Spans.IdempotencyKey, envelope.IdempotencyKey);
        activity.SetTag(TelemetryNames.Spans.EventName, envelope.EventName);
        activity.SetTag(TelemetryNames.Spans.ObjectKind, envelope.ObjectKind);
        activity.SetTag(TelemetryNames.Spans.PayloadBytes, payloadBytes);
        activity.SetTag(TelemetryNames.Spans.CorrelationId, envelope.CorrelationId);
    }

    /// <summary>
    /// Starts the enrich span for a queued envelope. A correlation id that is a W3C trace id becomes the span's trace
    /// id (a remote parent with a fresh span id); anything else (an event id from a request without an activity)
    /// starts a new trace and is kept as the <c>gitlab.correlation_id</c> tag.
    /// </summary>
    public static Activity? StartEnrich(EventEnvelope envelope, string messageId, long dequeueCount)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        Activity? activity;
        if (ParentFor(envelope.CorrelationId) is { } parent)
        {
            activity = Source.StartActivity(TelemetryNames.Spans.Enrich, ActivityKind.Consumer, parent);
        }
        else
        {
            // A default parent context means "Activity.Current"; clear it (this async flow only) to start a new trace.
            Activity.Current = null;
            activity = Source.StartActivity(TelemetryNames.Spans.Enrich, ActivityKind.Consumer);
        }
        if (activity is null)
        {
            return null;
        }

        activity.SetTag(TelemetryNames.Spans.CorrelationId, envelope.CorrelationId);
        activity.SetTag(TelemetryNames.Spans.EventId, envelope.EventId);
        activity.SetTag(TelemetryNames.Spans.IdempotencyKey, envelope.IdempotencyKey);
        activity.SetTag(TelemetryNames.Spans.ConnectionId, envelope.ConnectionId);
        activity.SetTag(TelemetryNames.Spans.EventName, envelope.EventName);
        activity.SetTag(TelemetryNames.Spans.ObjectKind, envelope.ObjectKind);
        activity.SetTag(TelemetryNames.Spans.MessageId, messageId);
        activity.SetTag(TelemetryNames.Spans.DequeueCount, dequeueCount);
        return activity;
    }

    /// <summary>Tags the current span with an outcome; failures also mark it as an error.</summary>
    public static void SetOutcome(string outcome, bool failed = false)
    {
        var activity = Activity.Current;
        if (activity is null || activity.Source != Source)
        {
            return;
        }

        activity.SetTag(TelemetryNames.Spans.Outcome, outcome);
        if (failed)
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }

    /// <summary>The remote parent for a correlation id that is a 32-hex W3C trace id; null otherwise.</summary>
    internal static ActivityContext? ParentFor(string? correlationId)
    {
        if (correlationId is not { Length: 32 } || !correlationId.All(char.IsAsciiHexDigitLower) || correlationId.All(c => c == '0'))
        {
            return null;
        }

        return new ActivityContext(ActivityTraceId.CreateFromString(correlationId), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
    }
}
