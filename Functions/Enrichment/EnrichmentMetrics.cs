using System.Diagnostics.Metrics;
using GitLabConnector.Telemetry;

namespace GitLabConnector.Enrichment;

/// <summary>Processing instruments (meter <c>GitLabConnector.Enrichment</c>).</summary>
public sealed class EnrichmentMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _events;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _lag;

    public EnrichmentMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(TelemetryNames.Meters.Enrichment);
        _events = _meter.CreateCounter<long>(TelemetryNames.Instruments.EnrichEvents, description: "Processed events by outcome and kind");
        _duration = _meter.CreateHistogram<double>(TelemetryNames.Instruments.EnrichDuration, unit: "ms", description: "Processing time per event");
        _lag = _meter.CreateHistogram<double>(TelemetryNames.Instruments.EnrichLag, unit: "s", description: "Time from webhook receipt to enriched");
    }

    /// <summary>Counts the event and tags the current enrich span with the same outcome.</summary>
    public void Record(string outcome, string? kind, TimeSpan elapsed)
    {
        ConnectorActivitySource.SetOutcome(outcome, failed: outcome is TelemetryNames.EnrichOutcomes.Failed or TelemetryNames.EnrichOutcomes.Malformed);
        var tags = new TagList { { TelemetryNames.Tags.Outcome, outcome }, { TelemetryNames.Tags.Kind, kind ?? "unknown" } };
        _events.Add(1, tags);
        _duration.Record(elapsed.TotalMilliseconds, tags);
    }

    public void RecordLag(TimeSpan lag) => _lag.Record(lag.TotalSeconds);

    public void Dispose() => _meter.Dispose();
}
