using GitLabConnector.Enrichment;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitLabConnector.Tokens;

/// <summary>Registers the Tokens capability: status store, monitor, rotator, alerts and the run the <c>token-monitor</c> timer fires.</summary>
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
        services.TryAddSingleton<TokenMonitorRun>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAccessTokenEventHandler, AccessTokenEventHandler>());
        return services;
    }
}
