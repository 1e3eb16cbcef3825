using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GitLabConnector.Enrichment;

/// <summary>Processing instruments (meter <c>GitLabConnector.Enrichment</c>).</summary>
public sealed class EnrichmentMetrics : IDisposable
{
    public const string MeterName = "GitLabConnector.Enrichment";

    private readonly Meter _meter;
    private readonly Counter<long> _events;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _lag;

    public EnrichmentMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _events = _meter.CreateCounter<long>("gitlab_connector.enrich.events", description: "Processed events by outcome and kind");
        _duration = _meter.CreateHistogram<double>("gitlab_connector.enrich.duration", unit: "ms", description: "Processing time per event");
        _lag = _meter.CreateHistogram<double>("gitlab_connector.enrich.lag", unit: "s", description: "Time from webhook receipt to enriched");
    }

    public void Record(string outcome, string? kind, TimeSpan elapsed)
    {
        var tags = new TagList { { "outcome", outcome }, { "kind", kind ?? "unknown" } };
        _events.Add(1, tags);
        _duration.Record(elapsed.TotalMilliseconds, tags);
    }

    public void RecordLag(TimeSpan lag) => _lag.Record(lag.TotalSeconds);

    public void Dispose() => _meter.Dispose();
}
