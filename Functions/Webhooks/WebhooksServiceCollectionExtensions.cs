using GitLabConnector.Connections;

namespace GitLabConnector.Webhooks;

/// <summary>Registers webhook ingestion.</summary>
public static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.AddSingleton<ConnectionCache>();
        services.AddSingleton<WebhookSecretProvider>();
        services.AddSingleton<WebhookAuthenticator>();
        services.AddSingleton<ConnectionRateLimiter>();
        services.AddSingleton<EventQueueWriter>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<WebhookIngestion>();
        return services;
    }
}
