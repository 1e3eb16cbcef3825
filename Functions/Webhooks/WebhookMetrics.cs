using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GitLabConnector.Webhooks;

/// <summary>Ingestion instruments (meter <c>GitLabConnector.Webhooks</c>).</summary>
public sealed class WebhookMetrics : IDisposable
{
    public const string MeterName = "GitLabConnector.Webhooks";

    private readonly Meter _meter;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _latency;
    private readonly Histogram<long> _payloadBytes;

    public WebhookMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _deliveries = _meter.CreateCounter<long>("gitlab_connector.webhook.deliveries", description: "Webhook deliveries by outcome and event");
        _latency = _meter.CreateHistogram<double>("gitlab_connector.webhook.ingest_duration", unit: "ms", description: "Time from request start to answer");
        _payloadBytes = _meter.CreateHistogram<long>("gitlab_connector.webhook.payload_size", unit: "By", description: "Accepted payload sizes");
    }

    public void Record(string outcome, string? eventName, TimeSpan elapsed)
    {
        var tags = new TagList { { "outcome", outcome }, { "event", eventName ?? "unknown" } };
        _deliveries.Add(1, tags);
        _latency.Record(elapsed.TotalMilliseconds, tags);
    }

    public void RecordPayload(int bytes) => _payloadBytes.Record(bytes);

    public void Dispose() => _meter.Dispose();
}
