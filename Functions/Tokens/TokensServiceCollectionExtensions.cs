using GitLabConnector.Enrichment;
using GitLabConnector.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitLabConnector.Tokens;

/// <summary>Registers the Tokens capability: status store, monitor, rotator, alerts and the <c>token-monitor</c> timer function.</summary>
public static class TokensServiceCollectionExtensions
{
    public static IServiceCollection AddTokens(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ITokenStatusStore, TableTokenStatusStore>();
        services.TryAddSingleton<TokenProbe>();
        services.TryAddSingleton<TokenAlertPublisher>();
        services.TryAddSingleton<PendingRotatedTokens>();
        services.TryAddSingleton(new TokenRotationRetryPolicy());
        services.TryAddSingleton<TokenRotator>();
        services.TryAddSingleton<TokenMonitor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITimerFunction, TokenMonitorFunction>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAccessTokenEventHandler, AccessTokenEventHandler>());
        return services;
    }
}
