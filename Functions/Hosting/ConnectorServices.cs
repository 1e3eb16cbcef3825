using GitLabConnector.Admin;
using GitLabConnector.Configuration;
using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using GitLabConnector.Health;
using GitLabConnector.Projects;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;
using GitLabConnector.Sync;
using GitLabConnector.Telemetry;
using GitLabConnector.Tokens;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Hosting;

/// <summary>The services both hosts run; nothing host-specific.</summary>
public static class ConnectorServices
{
    public static IServiceCollection AddConnector(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, HostingMode mode)
    {
        services.AddSingleton(mode);
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HealthJsonContext.Default));
        services.AddSingleton<IValidateOptions<TokenOptions>, HostBindingSettingsValidator>();

        services.AddStorage(configuration);
        services.AddSecrets(configuration);
        services.AddGitLab(configuration);
        services.AddConnections(configuration);
        services.AddAdmin(configuration);
        services.AddWebhooks(configuration);
        services.AddEnrichment(configuration);
        services.AddTokens(configuration);
        services.AddSync(configuration);
        services.AddProjects();
        services.AddConnectorTelemetry(configuration, environment, mode);
        services.TryAddSingleton<HealthCheck>();

        services.AddHostedService(sp => new BackgroundWork<AdminApiStatusLogger>(sp.GetRequiredService<AdminApiStatusLogger>(), (w, _) =>
        {
            w.Run();
            return Task.CompletedTask;
        }));
        services.AddHostedService(sp => new BackgroundWork<IngestionWarmUp>(sp.GetRequiredService<IngestionWarmUp>(), (w, ct) => w.RunAsync(ct)));

        // Queue depth is a metric: measured only where telemetry is exported.
        if (TelemetrySettings.From(configuration).IsExported)
        {
            services.AddHostedService(sp => new BackgroundWork<QueueDepthMonitor>(ActivatorUtilities.CreateInstance<QueueDepthMonitor>(sp), (w, ct) => w.RunAsync(ct)));
        }

        return services;
    }
}
