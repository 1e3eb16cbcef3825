using System.Diagnostics;

namespace GitLabConnector.Telemetry;

/// <summary>
/// Keeps the connector's spans alive with no exporter configured: an ActivitySource creates nothing without a
/// listener, and the spans carry the correlation id into log scopes (TraceId) and the envelope.
/// </summary>
public sealed class ConnectorActivityListener : IHostedService, IDisposable
{
    private ActivityListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TelemetryNames.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
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
}
