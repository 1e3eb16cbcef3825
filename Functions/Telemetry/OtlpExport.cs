using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GitLabConnector.Telemetry;

/// <summary>
/// OTLP export of the connector's spans (plus HttpClient's) and meters, built with the SDK directly (the hosting
/// package does not restore here) and flushed on shutdown. Batch exporters: recording never waits on the network.
/// </summary>
public sealed class OtlpExport(TelemetrySettings settings, IHostEnvironment environment) : IHostedService, IDisposable
{
    /// <summary>HttpClient's own ActivitySource (.NET 9+): the GitLab and storage calls.</summary>
    public const string HttpClientActivitySource = "System.Net.Http";

    private TracerProvider? _tracer;
    private MeterProvider? _meter;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var resource = Resource(environment);
        _tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(TelemetryNames.ActivitySourceName, HttpClientActivitySource)
            .AddOtlpExporter(o => Configure(o, settings, "v1/traces"))
            .Build();
        _meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter([.. TelemetryNames.Meters.All])
            .AddOtlpExporter(o => Configure(o, settings, "v1/metrics"))
            .Build();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
        _tracer = null;
        _meter = null;
    }

    internal static ResourceBuilder Resource(IHostEnvironment environment) =>
        ResourceBuilder.CreateDefault().AddService(environment.ApplicationName);

    /// <summary>
    /// Applies the endpoint from configuration (environment variables alone would miss local.settings.json). With
    /// http/protobuf a base endpoint gets the signal's path appended, as the SDK does for the environment variable.
    /// </summary>
    internal static void Configure(OtlpExporterOptions options, TelemetrySettings settings, string signalPath)
    {
        var endpoint = settings.OtlpEndpoint!;
        if (string.Equals(settings.OtlpProtocol, "http/protobuf", StringComparison.OrdinalIgnoreCase))
        {
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
            options.Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
        }
        else
        {
            options.Protocol = OtlpExportProtocol.Grpc;
            options.Endpoint = endpoint;
        }
    }
}
