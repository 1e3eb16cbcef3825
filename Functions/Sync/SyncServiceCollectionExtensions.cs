using GitLabConnector.Configuration;

namespace GitLabConnector.Sync;

public static class SyncServiceCollectionExtensions
{
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.Section)).ValidateOnStart(new SyncOptionsValidator());
        services.TryAddSingleton<SyncRunStore>();
        services.TryAddSingleton<SyncPageStore>();
        services.TryAddSingleton<SyncQueue>();
        services.TryAddSingleton<SyncStarter>();
        services.TryAddSingleton<SyncChangePublisher>();
        services.TryAddSingleton<SyncPageWorker>();
        services.TryAddSingleton<ScheduledSync>();
        return services;
    }
}
