using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using GitLabConnector.Health;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;
using GitLabConnector.Telemetry;
using GitLabConnector.Tokens;
using GitLabConnector.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Hosting;

/// <summary>Builds the one app both hosting modes run: same services, same handlers, two thin adapters.</summary>
public static class ConnectorApplication
{
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Lets tests and tools override configuration or services before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Start-up time is what a cold-start delivery waits for. Slim: no IIS, HTTPS, HTTP/3, hosting-startup or
        // regex-route machinery to load — the app listens on plain HTTP (the Functions host or a reverse proxy
        // terminates TLS). No file watchers on appsettings.json: a settings change restarts a Functions app anyway.
        var builder = WebApplication.CreateSlimBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);

        // The app's own appsettings.json (log levels) sits next to the executable; load it even when started from
        // another working directory (run-local.sh runs from the repository root), below everything else.
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!string.Equals(Path.GetFullPath(builder.Environment.ContentRootPath), Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal) && File.Exists(shipped))
        {
            var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = shipped, Optional = true };
            source.ResolveFileProvider();
            builder.Configuration.Sources.Insert(0, source);
        }

        builder.Configuration.AddLocalSettingsFile(Path.Combine(builder.Environment.ContentRootPath, "local.settings.json"));
        configure?.Invoke(builder);

        var mode = HostingMode.Detect(builder.Configuration);
        builder.WebHost.UseUrls(mode.ListenUrl);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        });

        var services = builder.Services;
        services.AddSingleton(mode);
        if (mode.IsFunctionsHost)
        {
            // "Application started. Press Ctrl+C to shut down." and friends mean nothing under the Functions host (which
            // reports the worker's start itself) and are written on the start-up path.
            services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, HostingJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, HealthJsonContext.Default);
        });
        services.AddOptions<ConnectorOptions>()
            .Bind(builder.Configuration.GetSection(ConnectorOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>();
        services.AddSingleton<IValidateOptions<ConnectorOptions>, HostBindingSettingsValidator>();

        services.AddStorage(builder.Configuration);
        services.AddSecrets(builder.Configuration);
        services.AddGitLab(builder.Configuration);
        services.AddConnections(builder.Configuration);
        services.AddWebhooks(builder.Configuration);
        services.AddEnrichment(builder.Configuration);
        services.AddTokens(builder.Configuration);
        services.AddConnectorTelemetry(builder.Configuration, builder.Environment);
        services.AddHostingAdapters(mode);
        if (mode.IsStandalone)
        {
            services.AddOpenApi();
        }

        var app = builder.Build();

        // The Functions host polls GET / for readiness and treats any answer as ready.
        app.MapGet("/", () => TypedResults.Ok(ReadinessResponse.Up)).ExcludeFromDescription();

        var api = app.MapGroup("/api");
        api.MapHealth();
        api.MapWebhooks();
        api.MapConnections();
        if (mode.IsStandalone)
        {
            app.MapOpenApi("/api/openapi.json");
        }

        if (mode.IsFunctionsHost)
        {
            app.MapFunctionInvocations();
        }

        return app;
    }
}
