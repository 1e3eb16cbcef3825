using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Metrics;

namespace GitLabConnector.Telemetry;

/// <summary>
/// Forwards every measurement of the connector's meters (<see cref="TelemetryNames.Meters"/>) to Application Insights
/// pre-aggregated metrics (<c>customMetrics</c>: per minute sum, count, min, max; dimensions are the tags).
/// <c>TrackValue</c> only updates an in-memory aggregate, so recording never blocks.
/// </summary>
public sealed class AppInsightsMetricForwarder : IHostedService, IDisposable
{
    private readonly TelemetryClient _client;
    private readonly ConcurrentDictionary<string, Metric> _metrics = new(StringComparer.Ordinal);
    private MeterListener? _listener;

    public AppInsightsMetricForwarder(TelemetryClient client) => _client = client;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (TelemetryNames.Meters.All.Contains(instrument.Meter.Name, StringComparer.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Track(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Track(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Track(instrument, value, tags));
        listener.Start();
        _listener = listener;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _listener = null;
    }

    private void Track(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        try
        {
            var names = new string[Math.Min(tags.Length, 10)];
            var values = new string[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = tags[i].Key;
                values[i] = Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? string.Empty;
            }

            var key = instrument.Name + "|" + string.Join('|', names);
            var metric = _metrics.GetOrAdd(key, _ => _client.GetMetric(new MetricIdentifier(string.Empty, instrument.Name, names)));
            if (metric.TryGetDataSeries(out var series, true, values))
            {
                series.TrackValue(value);
            }
        }
#pragma warning disable CA1031 // Telemetry must never fail the work it describes.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
