using GitLabConnector.Admin;
using GitLabConnector.Configuration;
using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.Health;
using GitLabConnector.Storage;
using GitLabConnector.Sync;
using GitLabConnector.Tokens;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Hosting.Standalone;

/// <summary>
/// The program without a Functions host (local runs, end-to-end tests, containers): the same handlers behind a plain
/// ASP.NET Core server on <c>Connector:Urls</c>, the admin key checked here instead of by the host, and the queue
/// consumer and schedule that stand in for the host's triggers.
/// </summary>
public static class StandaloneApplication
{
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Lets tests and tools override configuration or services before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Start-up time is what a cold-start delivery waits for. Slim: no IIS, HTTPS, HTTP/3, hosting-startup or
        // regex-route machinery to load. No file watchers on appsettings.json.
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

        var mode = HostingMode.Standalone(builder.Configuration);
        builder.WebHost.UseUrls(mode.ListenUrl);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        });

        var services = builder.Services;
        services.AddConnector(builder.Configuration, builder.Environment, mode);
        services.AddOpenApi();
        if (mode.RunsWorkers)
        {
            services.AddSingleton(sp => new QueueBinding(
                FunctionNames.Enrich,
                sp.GetRequiredService<IOptions<QueueOptions>>().Value.Events,
                (message, ct) => sp.GetRequiredService<EnrichmentProcessor>().ProcessAsync(new EnrichmentMessage(message.MessageId, message.MessageText, message.DequeueCount), ct)));
            services.AddSingleton(sp => new TimerBinding(
                FunctionNames.TokenMonitor,
                sp.GetRequiredService<IOptions<TokenOptions>>().Value.Schedule,
                ct => sp.GetRequiredService<TokenMonitorRun>().RunAsync(ct)));
            services.AddSingleton(sp => new QueueBinding(
                FunctionNames.SyncPage,
                sp.GetRequiredService<IOptions<QueueOptions>>().Value.Sync,
                (message, ct) => sp.GetRequiredService<SyncPageWorker>().ProcessAsync(message.MessageId, message.MessageText, message.DequeueCount, ct)));
            services.AddSingleton(sp => new TimerBinding(
                FunctionNames.Sync,
                sp.GetRequiredService<IOptions<SyncOptions>>().Value.Schedule,
                ct => sp.GetRequiredService<ScheduledSync>().RunAsync(ct)));
            services.AddHostedService<QueueConsumerService>();
            services.AddHostedService<TimerSchedulerService>();
        }

        var app = builder.Build();
        var api = app.MapGroup("/api");
        api.MapHealth();
        api.MapWebhooks();
        api.MapAdmin();
        app.MapOpenApi("/api/openapi.json");
        return app;
    }
}
