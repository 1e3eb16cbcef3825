using System.Diagnostics.Metrics;
using GitLabConnector.Telemetry;

namespace GitLabConnector.Tokens;

public sealed class TokenMetrics(IMeterFactory meterFactory)
{
    private readonly Gauge<int> _daysLeft = meterFactory.Create(TelemetryNames.Meters.Tokens)
        .CreateGauge<int>(TelemetryNames.Instruments.TokenDaysLeft, "d", "Days until a connection's GitLab token expires, by connection and state");

    public void RecordDaysLeft(string connectionId, int daysLeft, string state) =>
        _daysLeft.Record(daysLeft, new KeyValuePair<string, object?>(TelemetryNames.Tags.Connection, connectionId), new KeyValuePair<string, object?>(TelemetryNames.Tags.State, state));
}
