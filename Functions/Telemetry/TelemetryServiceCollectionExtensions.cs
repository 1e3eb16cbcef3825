using GitLabConnector.Tokens;
using Microsoft.ApplicationInsights.AspNetCore.Extensions;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.ApplicationInsights;
using OpenTelemetry.Logs;

namespace GitLabConnector.Telemetry;

/// <summary>
/// Registers the app's own telemetry (custom-handler stdout reaches Application Insights only as plain text, AZURE.md §0):
/// Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (either, both), and always structured JSON console logs.
/// Every sink is asynchronous (AI's channel, OTLP batch exporters): no telemetry call can block or fail a delivery.
/// Call after the capabilities (it decorates the token status store).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddConnectorTelemetry(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = TelemetrySettings.From(configuration);
        services.AddSingleton(settings);
        services.AddMetrics();
        services.TryAddSingleton<TokenMetrics>();
        services.AddHostedService<ConnectorActivityListener>();
        DecorateTokenStatusStore(services);

        services.AddLogging(logging => logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        }));

        if (settings.UsesAppInsights)
        {
            AddAppInsights(services, settings);
        }

        if (settings.UsesOtlp)
        {
            services.AddHostedService<OtlpExport>();
            services.AddLogging(logging => logging.AddOpenTelemetry(o =>
            {
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
                o.ParseStateValues = true;
                o.SetResourceBuilder(OtlpExport.Resource(environment));
                o.AddOtlpExporter(e => OtlpExport.Configure(e, settings, "v1/logs"));
            }));
        }

        if (settings.IsEnabled)
        {
            services.AddHostedService<QueueDepthMonitor>();
        }

        return services;
    }

    /// <summary>The Application Insights collectors the connector keeps: incoming requests and outgoing dependencies.</summary>
    internal static IReadOnlyList<Type> KeptTelemetryModules { get; } =
        [typeof(Microsoft.ApplicationInsights.AspNetCore.RequestTrackingTelemetryModule), typeof(Microsoft.ApplicationInsights.DependencyCollector.DependencyTrackingTelemetryModule)];

    private static void AddAppInsights(IServiceCollection services, TelemetrySettings settings)
    {
        services.AddApplicationInsightsTelemetry(new ApplicationInsightsServiceOptions
        {
            ConnectionString = settings.AppInsightsConnectionString,
            // One delivery's whole life must be searchable: keep every item (volume is one request per webhook).
            EnableAdaptiveSampling = false,
            EnableQuickPulseMetricStream = false,
            EnableDebugLogger = false,
            EnablePerformanceCounterCollectionModule = false,
            EnableEventCounterCollectionModule = false,
            EnableAzureInstanceMetadataTelemetryModule = false,
            EnableAppServicesHeartbeatTelemetryModule = false,
            EnableDiagnosticsTelemetryModule = false,

            // Standard-metrics pre-aggregation of requests and dependencies: the alerts, workbook and docs query the
            // requests/dependencies tables and the connector's own customMetrics instead.
            AddAutoCollectedMetricExtractor = false,
        });

        // Storage, Key Vault and GitLab calls are all HttpClient calls and tracked as such; the Azure SDK listener would
        // add an EventListener (every EventSource builds its manifest) for no extra dependency record.
        services.ConfigureTelemetryModule<Microsoft.ApplicationInsights.DependencyCollector.DependencyTrackingTelemetryModule>((module, _) => module.EnableAzureSdkTelemetryListener = false);

        // The collectors switched off above are still constructed unless removed, and their constructors are what a cold
        // start paid for Application Insights (docs/benchmarks/coldstart.md): process performance counters and .NET event
        // counters (Flex reports instance CPU and memory itself), the VM metadata probe and App Service heartbeat (no VM,
        // no App Service plan), live metrics, and the SDK's self-diagnostics EventListener (which makes every EventSource
        // build its manifest). Requests, dependencies, logs, metrics and the connector's own spans stay.
        foreach (var module in services.Where(d => d.ServiceType == typeof(ITelemetryModule) && !KeptTelemetryModules.Contains(d.ImplementationType)).ToList())
        {
            services.Remove(module);
        }

        if (settings.UsesEntraAuthentication)
        {
            var credential = settings.CreateCredential();
            services.Configure<TelemetryConfiguration>(c => c.SetAzureTokenCredential(credential));
        }

        services.AddSingleton<ITelemetryInitializer, TelemetryScrubbingInitializer>();
        services.AddHostedService<AppInsightsActivityForwarder>();
        services.AddHostedService<AppInsightsMetricForwarder>();

        // Replace AI's logger provider with the one that keeps the numeric log event id (LogEventIdLoggerProvider).
        var aiProviders = services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ApplicationInsightsLoggerProvider)).ToList();
        foreach (var descriptor in aiProviders)
        {
            services.Remove(descriptor);
        }

        services.Configure<ApplicationInsightsLoggerOptions>(o =>
        {
            o.IncludeScopes = true;
            o.TrackExceptionsAsExceptionTelemetry = true;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, LogEventIdLoggerProvider>());
    }

    /// <summary>Wraps the registered <see cref="ITokenStatusStore"/> (if any) so saved statuses record days left.</summary>
    private static void DecorateTokenStatusStore(IServiceCollection services)
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(ITokenStatusStore));
        if (descriptor is null || descriptor.IsKeyedService)
        {
            return;
        }

        services.Remove(descriptor);
        services.Add(ServiceDescriptor.Describe(
            typeof(ITokenStatusStore),
            sp => new TokenStatusMetricsRecorder(Create(descriptor, sp), sp.GetRequiredService<TokenMetrics>()),
            descriptor.Lifetime));
    }

    private static ITokenStatusStore Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        (ITokenStatusStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
