using Azure.Monitor.OpenTelemetry.Exporter;
using GitLabConnector.Configuration;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GitLabConnector.Telemetry;

/// <summary>
/// Logs, spans and metrics through OpenTelemetry, credentials redacted ahead of every exporter (Azure Monitor and/or
/// OTLP, see <see cref="TelemetrySettings"/>). Standalone, the console shows one line per log locally and JSON when
/// deployed; the worker leaves its console to the Functions host.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddConnectorTelemetry(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, HostingMode mode)
    {
        var settings = TelemetrySettings.From(configuration);
        services.AddSingleton(settings);
        services.AddMetrics();

        // What the pipelines hold is registered always (cheap callbacks); the providers themselves only when something
        // exports: without an exporter they would cost start-up time (a worker's first connection to the host) and
        // every span and log record, for nothing.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(TelemetryNames.ActivitySourceName)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddProcessor<ActivityRedactionProcessor>());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter([.. TelemetryNames.Meters.All]));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor<LogRecordRedactionProcessor>());
        services.Configure<OpenTelemetryLoggerOptions>(options =>
        {
            options.IncludeScopes = true;
            options.IncludeFormattedMessage = true;
        });
        if (mode.IsStandalone)
        {
            services.AddLogging(logging => ConfigureConsole(logging, settings.IsExported));
        }

        if (!settings.IsExported)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(environment.ApplicationName))
            .WithTracing()
            .WithMetrics()
            .WithLogging();

        if (settings.UsesAzureMonitor)
        {
            var credential = settings.CreateCredential(configuration);
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = settings.AppInsightsConnectionString;
                options.Credential = credential;

                // One delivery's whole life must be searchable: keep every trace (the exporter's default rate-limited
                // sampler drops spans, AzureMonitorExportShapeTests). Flex reports instance CPU and memory itself.
                options.SamplingRatio = 1.0F;
                options.TracesPerSecond = null;
                options.EnablePerformanceCounters = false;
            });
        }

        if (settings.UsesOtlp)
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    private static void ConfigureConsole(ILoggingBuilder logging, bool deployed)
    {
        if (deployed)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            return;
        }

        // Locally: "12:00:01.234 info: Category[2000] message" on one line; the formatter writes the timestamp straight
        // before the level, so the format ends with the separating space. No scopes: every message names its event and
        // connection, and Kestrel's scope would add its own "ConnectionId" to be mistaken for ours.
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = false;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = LoggerColorBehavior.Default;
        });
    }
}
