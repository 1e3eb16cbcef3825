namespace GitLabConnector.Connections;

/// <summary>Registers the Connections capability.</summary>
public static class ConnectionsServiceCollectionExtensions
{
    public static IServiceCollection AddConnections(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
