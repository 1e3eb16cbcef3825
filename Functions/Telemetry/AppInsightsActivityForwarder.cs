using System.Diagnostics;
using System.Globalization;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility.Implementation;

namespace GitLabConnector.Telemetry;

/// <summary>
/// Sends the connector's own spans to Application Insights (the 2.x SDK only collects ASP.NET Core requests and
/// HttpClient dependencies itself): <c>enrich</c> as a request, <c>ingest</c> as an in-process dependency, both with
/// the span's trace id as operation id. TrackX only enqueues on the channel, so this never blocks processing.
/// </summary>
public sealed class AppInsightsActivityForwarder : IHostedService, IDisposable
{
    private readonly TelemetryClient _client;
    private ActivityListener? _listener;

    public AppInsightsActivityForwarder(TelemetryClient client) => _client = client;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TelemetryNames.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Forward,
        };
        ActivitySource.AddActivityListener(_listener);
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

    private void Forward(Activity activity)
    {
        try
        {
            OperationTelemetry telemetry = activity.Kind is ActivityKind.Consumer or ActivityKind.Server
                ? new RequestTelemetry
                {
                    Name = activity.DisplayName,
                    Success = activity.Status != ActivityStatusCode.Error,
                    ResponseCode = activity.GetTagItem(TelemetryNames.Spans.Outcome) as string ?? (activity.Status == ActivityStatusCode.Error ? "failed" : "ok"),
                }
                : new DependencyTelemetry
                {
                    Name = activity.DisplayName,
                    Type = "InProc",
                    Success = activity.Status != ActivityStatusCode.Error,
                    ResultCode = activity.GetTagItem(TelemetryNames.Spans.Outcome) as string,
                };
            telemetry.Id = activity.SpanId.ToHexString();
            telemetry.Timestamp = activity.StartTimeUtc;
            telemetry.Duration = activity.Duration;
            telemetry.Context.Operation.Id = activity.TraceId.ToHexString();
            telemetry.Context.Operation.Name = activity.DisplayName;
            if (activity.ParentSpanId != default)
            {
                telemetry.Context.Operation.ParentId = activity.ParentSpanId.ToHexString();
            }

            foreach (var (key, value) in activity.TagObjects)
            {
                telemetry.Properties[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
            }

            if (telemetry is RequestTelemetry request)
            {
                _client.TrackRequest(request);
            }
            else
            {
                _client.TrackDependency((DependencyTelemetry)telemetry);
            }
        }
#pragma warning disable CA1031 // Telemetry must never fail the work it describes.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
