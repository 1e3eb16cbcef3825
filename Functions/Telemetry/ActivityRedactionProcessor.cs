using OpenTelemetry;

namespace GitLabConnector.Telemetry;

/// <summary>Redacts credentials from every span's tags before any exporter sees them (registered ahead of the exporters).</summary>
public sealed class ActivityRedactionProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        foreach (var (name, value) in data.TagObjects.ToList())
        {
            var redacted = TelemetryRedaction.Value(name, value);
            if (!Equals(redacted, value))
            {
                data.SetTag(name, redacted);
            }
        }
    }
}
