namespace GitLabConnector.Connections;

public static class ConnectionsServiceCollectionExtensions
{
    public static IServiceCollection AddConnections(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConnectionCacheOptions>().Bind(configuration.GetSection(ConnectionCacheOptions.Section));
        services.TryAddSingleton<IConnectionStore, TableConnectionStore>();
        services.TryAddSingleton<ConnectionCache>();
        return services;
    }
}
