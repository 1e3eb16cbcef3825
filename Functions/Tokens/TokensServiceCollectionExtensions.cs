using GitLabConnector.Configuration;
using GitLabConnector.Enrichment;

namespace GitLabConnector.Tokens;

public static class TokensServiceCollectionExtensions
{
    public static IServiceCollection AddTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TokenOptions>().Bind(configuration.GetSection(TokenOptions.Section)).ValidateOnStart(new TokenOptionsValidator());
        services.TryAddSingleton<ITokenStatusStore, TableTokenStatusStore>();
        if (!services.Any(d => d.ServiceType == typeof(TokenMetrics)))
        {
            services.AddMetrics();
            services.AddSingleton<TokenMetrics>();
            DecorateTokenStatusStore(services);
        }

        services.TryAddSingleton<TokenProbe>();
        services.TryAddSingleton<TokenAlertPublisher>();
        services.TryAddSingleton<PendingRotatedTokens>();
        services.TryAddSingleton(new TokenRotationRetryPolicy());
        services.TryAddSingleton<TokenRotator>();
        services.TryAddSingleton<TokenMonitor>();
        services.TryAddSingleton<TokenMonitorRun>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAccessTokenEventHandler, TokenMonitor>(sp => sp.GetRequiredService<TokenMonitor>()));
        return services;
    }

    private static void DecorateTokenStatusStore(IServiceCollection services)
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(ITokenStatusStore));
        services.Remove(descriptor);
        services.Add(ServiceDescriptor.Describe(
            typeof(ITokenStatusStore),
            sp => new TokenStatusMetricsRecorder(Create(descriptor, sp), sp.GetRequiredService<TokenMetrics>()),
            descriptor.Lifetime));
    }

    private static ITokenStatusStore Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        (ITokenStatusStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
