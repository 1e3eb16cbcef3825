using System.Diagnostics.Metrics;
using GitLabConnector.Telemetry;

namespace GitLabConnector.Tokens;

/// <summary>Token instruments (meter <see cref="TelemetryNames.Meters.Tokens"/>): days left per connection, for the workbook.</summary>
public sealed class TokenMetrics
{
    private readonly Gauge<int> _daysLeft;

    public TokenMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(TelemetryNames.Meters.Tokens);
        _daysLeft = meter.CreateGauge<int>(TelemetryNames.Instruments.TokenDaysLeft, "d", "Days until a connection's GitLab token expires, by connection and state");
    }

    public void RecordDaysLeft(string connectionId, int daysLeft, string state) =>
        _daysLeft.Record(daysLeft, new KeyValuePair<string, object?>(TelemetryNames.Tags.Connection, connectionId), new KeyValuePair<string, object?>(TelemetryNames.Tags.State, state));
}
