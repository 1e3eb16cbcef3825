using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace GitLabConnector.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class StorageServiceCollectionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddStorage_wires_every_service_to_the_configured_account()
    {
        using var services = azurite.CreateStorageServices();
        var queue = AzuriteFixture.NewQueueName();

        await services.GetRequiredService<IQueueService>().CreateQueueIfNotExistsAsync(queue, CancellationToken.None);
        await services.GetRequiredService<IQueueService>().SendMessageAsync(queue, "di", null, CancellationToken.None);
        var lease = await services.GetRequiredService<ILeaseStore>().TryAcquireAsync(Guid.NewGuid().ToString("N"), "me", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(1, await services.GetRequiredService<IQueueService>().GetApproximateMessageCountAsync(queue, CancellationToken.None));
        Assert.NotNull(lease);
        Assert.NotNull(services.GetRequiredService<Azure.Data.Tables.TableServiceClient>());
        Assert.IsType<BlobService>(services.GetRequiredService<IBlobService>());
    }

    [Fact]
    public void Services_registered_before_AddStorage_are_kept()
    {
        var fake = Substitute.For<IQueueService>();
        using var services = azurite.CreateStorageServices(s => s.AddSingleton(fake));

        Assert.Same(fake, services.GetRequiredService<IQueueService>());
    }

    [Fact]
    public void Missing_configuration_fails_on_first_use_naming_AzureWebJobsStorage()
    {
        using var services = new ServiceCollection().AddStorage(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IQueueService>());

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_settings_are_read_from_Connector_Storage()
    {
        var options = StorageClientDefaults.Apply(new Azure.Data.Tables.TableClientOptions(), azurite.CreateConfiguration(
        [
            KeyValuePair.Create("Connector:Storage:MaxRetries", (string?)"5"),
            KeyValuePair.Create("Connector:Storage:NetworkTimeout", (string?)"00:00:03"),
        ]));

        Assert.Equal(5, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Retry.NetworkTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.Retry.Delay);
    }
}
