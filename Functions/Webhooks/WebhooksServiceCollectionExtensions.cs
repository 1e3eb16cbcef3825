namespace GitLabConnector.Webhooks;

/// <summary>Registers the Webhooks capability.</summary>
public static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
