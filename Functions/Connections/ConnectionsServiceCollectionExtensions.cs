namespace GitLabConnector.Connections;

/// <summary>Registers the connection registry and the admin API's services.</summary>
public static class ConnectionsServiceCollectionExtensions
{
    public static IServiceCollection AddConnections(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IConnectionStore, TableConnectionStore>();
        return services;
    }
}
