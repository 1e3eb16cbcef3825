using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GitLabConnector.Storage;

/// <summary>Registers the Storage capability.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers singletons <see cref="StorageConnection"/>, <see cref="StorageClientOptions"/>, <see cref="IQueueService"/>,
    /// <see cref="ITableService"/>, <see cref="IBlobService"/> and <see cref="ILeaseStore"/> with TryAdd, so tests can register
    /// their own first. The connection is read lazily: a missing <c>AzureWebJobsStorage</c> fails when storage is first resolved.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.TryAddSingleton(_ => StorageClientOptions.FromConfiguration(configuration));
        services.TryAddSingleton<IQueueService>(sp => new QueueService(sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<StorageClientOptions>()));
        services.TryAddSingleton<ITableService>(sp => new TableService(sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<StorageClientOptions>()));
        services.TryAddSingleton<IBlobService>(sp => new BlobService(sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<StorageClientOptions>()));
        services.TryAddSingleton<ILeaseStore>(sp => new TableLeaseStore(
            sp.GetRequiredService<ITableService>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<TableLeaseStore>>()));
        return services;
    }
}
