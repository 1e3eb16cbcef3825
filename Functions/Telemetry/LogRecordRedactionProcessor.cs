using OpenTelemetry;
using OpenTelemetry.Logs;

namespace GitLabConnector.Telemetry;

/// <summary>Redacts credentials from every log record's message and attributes before any exporter sees them.</summary>
public sealed class LogRecordRedactionProcessor : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        var message = TelemetryRedaction.Text(data.FormattedMessage);
        if (data.Attributes is { } attributes && attributes.Any(a => !Equals(TelemetryRedaction.Value(a.Key, a.Value), a.Value)))
        {
            // A value logged under a credential name also appears in the formatted message: take it out there too.
            foreach (var (name, value) in attributes)
            {
                if (TelemetryRedaction.IsSensitiveName(name) && value?.ToString() is { Length: > 0 } secret)
                {
                    message = message?.Replace(secret, TelemetryRedaction.Redacted, StringComparison.Ordinal);
                }
            }

            data.Attributes = [.. attributes.Select(a => new KeyValuePair<string, object?>(a.Key, TelemetryRedaction.Value(a.Key, a.Value)))];
        }

        data.FormattedMessage = message;
    }
}
