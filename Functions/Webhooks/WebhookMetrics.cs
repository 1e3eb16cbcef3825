using System.Diagnostics.Metrics;
using GitLabConnector.Telemetry;

namespace GitLabConnector.Webhooks;

/// <summary>Ingestion instruments (meter <c>GitLabConnector.Webhooks</c>).</summary>
public sealed class WebhookMetrics : IDisposable
{
    public const string MeterName = TelemetryNames.Meters.Webhooks;

    private readonly Meter _meter;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _latency;
    private readonly Histogram<long> _payloadBytes;

    public WebhookMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _deliveries = _meter.CreateCounter<long>(TelemetryNames.Instruments.WebhookDeliveries, description: "Webhook deliveries by outcome and event");
        _latency = _meter.CreateHistogram<double>(TelemetryNames.Instruments.WebhookIngestDuration, unit: "ms", description: "Time from request start to answer");
        _payloadBytes = _meter.CreateHistogram<long>(TelemetryNames.Instruments.WebhookPayloadSize, unit: "By", description: "Accepted payload sizes");
    }

    /// <summary>Counts the delivery and tags the current ingest span with the same outcome.</summary>
    public void Record(string outcome, string? eventName, TimeSpan elapsed)
    {
        ConnectorActivitySource.SetOutcome(outcome, failed: outcome is not (TelemetryNames.DeliveryOutcomes.Queued or TelemetryNames.DeliveryOutcomes.Ignored));
        var tags = new TagList { { TelemetryNames.Tags.Outcome, outcome }, { TelemetryNames.Tags.Event, eventName ?? "unknown" } };
        _deliveries.Add(1, tags);
        _latency.Record(elapsed.TotalMilliseconds, tags);
    }

    public void RecordPayload(int bytes) => _payloadBytes.Record(bytes);

    public void Dispose() => _meter.Dispose();
}
