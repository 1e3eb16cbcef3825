using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GitLabConnector.Configuration;
using GitLabConnector.Identity;

namespace GitLabConnector.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SDK clients (base64 queue messages) and over them <see cref="IQueueService"/>, <see cref="IBlobService"/>
    /// and <see cref="ILeaseStore"/>, all with TryAdd so tests can register their own first. The settings are read when
    /// storage is first resolved: a missing or malformed <c>AzureWebJobsStorage</c> fails then, naming the setting.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section)).ValidateOnStart(new QueueOptionsValidator());
        services.TryAddSingleton(_ => ConnectorCredential.Create(configuration));
        services.TryAddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageAccount>().CreateQueueServiceClient(
            sp.GetRequiredService<TokenCredential>(),
            StorageClientDefaults.Apply(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, configuration, Logger(sp))));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageAccount>().CreateTableServiceClient(
            sp.GetRequiredService<TokenCredential>(), StorageClientDefaults.Apply(new TableClientOptions(), configuration, Logger(sp))));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageAccount>().CreateBlobServiceClient(
            sp.GetRequiredService<TokenCredential>(), StorageClientDefaults.Apply(new BlobClientOptions(), configuration, Logger(sp))));
        services.TryAddSingleton<IQueueService, QueueService>();
        services.TryAddSingleton<IBlobService, BlobService>();
        services.TryAddSingleton<ILeaseStore, TableLeaseStore>();
        return services;
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger("GitLabConnector.Storage.StorageClient");
}
