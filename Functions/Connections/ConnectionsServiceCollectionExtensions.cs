using GitLabConnector.Enrichment;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitLabConnector.Connections;

/// <summary>Registers the connection registry and the admin API's services.</summary>
public static class ConnectionsServiceCollectionExtensions
{
    public static IServiceCollection AddConnections(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IConnectionStore, TableConnectionStore>();
        services.TryAddSingleton<ConnectionCache>();

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
        services.AddSingleton<WebhookSecretRotation>();
        services.AddSingleton<UserMapHandler>();
        services.AddSingleton<DisconnectHandler>();
        services.AddSingleton<DeadLetterHandlers>();
        services.AddSingleton<EventStatusHandler>();
        services.AddHostedService<AdminApiStatusLogger>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ConnectionsJsonContext.Default));
        return services;
    }
}
