using GitLabConnector.Configuration;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;

namespace GitLabConnector.Admin;

/// <summary>Registers the admin API's services: handlers, filters and validators over the registry.</summary>
public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section)).ValidateOnStart(new AdminOptionsValidator());

        // The admin-provided map wins over any null map registered with TryAdd by enrichment.
        services.Replace(ServiceDescriptor.Singleton<IUserEmailMap, TableUserEmailMap>());

        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.AddSingleton<GitLabUrlValidator>();
        services.AddSingleton<GitLabTokenValidator>();
        services.AddSingleton<ConnectionSecretWriter>();
        services.AddSingleton<ConnectionUpdater>();
        services.AddSingleton<WebhookUrls>();
        services.AddSingleton<AdminKeyFilter>();
        services.AddSingleton<AdminDependencyFilter>();
        services.AddSingleton<ConnectHandler>();
        services.AddSingleton<ConnectionQueries>();
        services.AddSingleton<ConnectionTokenHandler>();
        services.AddSingleton<CaCertificateHandler>();
        services.AddSingleton<WebhookSecretRotation>();
        services.AddSingleton<UserMapHandler>();
        services.AddSingleton<DisconnectHandler>();
        services.AddSingleton<DeadLetterHandlers>();
        services.AddSingleton<EventStatusHandler>();
        services.AddSingleton<SyncHandler>();
        services.AddSingleton<ProjectHandlers>();
        services.AddSingleton<AdminApiStatusLogger>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AdminJsonContext.Default));
        return services;
    }
}
