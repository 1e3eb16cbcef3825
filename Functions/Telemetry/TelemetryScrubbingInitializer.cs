using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace GitLabConnector.Telemetry;

/// <summary>
/// Last line of defence for Application Insights items: credential-like query values and properties are redacted
/// (request headers and bodies are not collected at all), and ingest requests get one stable name for queries.
/// </summary>
public sealed class TelemetryScrubbingInitializer : ITelemetryInitializer
{
    public void Initialize(ITelemetry telemetry)
    {
        switch (telemetry)
        {
            case RequestTelemetry request:
                request.Url = TelemetryRedaction.Url(request.Url);
                if (request.Url?.AbsolutePath.StartsWith(TelemetryNames.Requests.IngestPathPrefix, StringComparison.OrdinalIgnoreCase) == true &&
                    request.Url.IsAbsoluteUri)
                {
                    request.Name = TelemetryNames.Requests.Ingest;
                    request.Context.Operation.Name = TelemetryNames.Requests.Ingest;
                }

                break;
            case DependencyTelemetry dependency:
                dependency.Data = TelemetryRedaction.Url(dependency.Data);
                break;
        }

        if (telemetry is ISupportProperties withProperties)
        {
            foreach (var key in withProperties.Properties.Keys.Where(TelemetryRedaction.IsSensitiveName).ToList())
            {
                withProperties.Properties[key] = TelemetryRedaction.Redacted;
            }
        }
    }
}
