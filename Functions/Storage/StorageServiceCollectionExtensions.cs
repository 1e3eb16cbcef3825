using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GitLabConnector.Configuration;
using GitLabConnector.Identity;

namespace GitLabConnector.Storage;

/// <summary>Registers the Storage capability.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers singletons <see cref="QueueServiceClient"/> (base64 messages), <see cref="TableServiceClient"/>,
    /// <see cref="BlobServiceClient"/>, and over them <see cref="IQueueService"/>, <see cref="IBlobService"/> and <see cref="ILeaseStore"/>, all with TryAdd so tests can register their own first. The settings are read when storage
    /// is first resolved: a missing or malformed <c>AzureWebJobsStorage</c> fails then, naming the setting.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section)).ValidateOnStart(new QueueOptionsValidator());
        services.TryAddSingleton(_ => ConnectorCredential.Create(configuration));
        services.TryAddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageAccount>().CreateQueueServiceClient(
            sp.GetRequiredService<TokenCredential>(),
            StorageClientDefaults.Apply(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, configuration, TryLogger(sp))));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageAccount>().CreateTableServiceClient(
            sp.GetRequiredService<TokenCredential>(), StorageClientDefaults.Apply(new TableClientOptions(), configuration, TryLogger(sp))));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageAccount>().CreateBlobServiceClient(
            sp.GetRequiredService<TokenCredential>(), StorageClientDefaults.Apply(new BlobClientOptions(), configuration, TryLogger(sp))));
        services.TryAddSingleton<IQueueService>(sp => new QueueService(sp.GetRequiredService<QueueServiceClient>()));
        services.TryAddSingleton<IBlobService>(sp => new BlobService(sp.GetRequiredService<BlobServiceClient>()));
        services.TryAddSingleton<ILeaseStore>(sp => new TableLeaseStore(
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<TableLeaseStore>>()));
        return services;
    }

    private static ILogger? TryLogger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("GitLabConnector.Storage.StorageClient");
}
