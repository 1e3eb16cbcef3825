using GitLabConnector.Configuration;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;

namespace GitLabConnector.Hosting.Worker;

/// <summary>
/// The host owns HTTP (routes, function keys), queue triggers (retries, poison) and timers; the <c>[Function]</c> classes
/// hand each invocation to the handlers the standalone host calls.
/// </summary>
public static class WorkerApplication
{
    public static IHost Build(string[] args, Action<FunctionsApplicationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        configure?.Invoke(builder);
        builder.Services.AddConnector(builder.Configuration, builder.Environment, HostingMode.FunctionsHost);

        // The invocation's trace context from the host (its request and queue-trigger spans are parents) and the
        // Functions resource attributes, when something exports; exporters and sources are the shared ones.
        if (Telemetry.TelemetrySettings.From(builder.Configuration).IsExported)
        {
            builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
        }

        return builder.Build();
    }
}
