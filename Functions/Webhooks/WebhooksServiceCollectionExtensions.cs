using GitLabConnector.Configuration;
using GitLabConnector.Connections;

namespace GitLabConnector.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateOnStart(new WebhookOptionsValidator());
        services.AddMetrics();
        services.TryAddSingleton<ConnectionCache>();
        services.AddSingleton<WebhookSecretProvider>();
        services.AddSingleton<WebhookAuthenticator>();
        services.AddSingleton<ConnectionRateLimiter>();
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddSingleton<UnknownConnectionLimiter>();
        services.AddSingleton<UnverifiedBodyBudget>();
        services.AddSingleton<EventQueueWriter>();
        services.TryAddSingleton<DeliveryOutcomes>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<WebhookIngestion>();
        services.AddSingleton<IngestionWarmUp>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, WebhooksJsonContext.Default));

        // Kestrel logs a malformed request's raw header line at Debug under this category, and for a webhook that line
        // can be X-Gitlab-Token. Capped here so turning Logging:LogLevel up to Debug to chase 400s cannot leak secrets.
        services.Configure<LoggerFilterOptions>(o => o.AddFilter("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Information));
        return services;
    }
}
