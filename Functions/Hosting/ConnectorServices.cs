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

/// <summary>The services both hosts run: every capability, its options and the HTTP JSON metadata; nothing host-specific.</summary>
public static class ConnectorServices
{
    public static IServiceCollection AddConnector(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, HostingMode mode)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(mode);
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HealthJsonContext.Default));
        services.AddOptions<ConnectorOptions>()
            .Bind(configuration.GetSection(ConnectorOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>();
        services.AddSingleton<IValidateOptions<ConnectorOptions>, HostBindingSettingsValidator>();

        services.AddStorage(configuration);
        services.AddSecrets(configuration);
        services.AddGitLab(configuration);
        services.AddConnections(configuration);
        services.AddWebhooks(configuration);
        services.AddEnrichment(configuration);
        services.AddTokens(configuration);
        services.AddConnectorTelemetry(configuration, environment, mode);
        services.TryAddSingleton<HealthCheck>();
        return services;
    }
}
