using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures.FakeKeyVault;
using Microsoft.Extensions.Configuration;

namespace GitLabConnector.Tests.Storage;

public sealed class StorageAccountTests
{
    private static readonly StubTokenCredential Credential = new();

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build();

    private static (Uri Queue, Uri Table, Uri Blob) Endpoints(IConfiguration configuration)
    {
        var account = StorageAccount.FromConfiguration(configuration);
        return (
            account.CreateQueueServiceClient(Credential, new QueueClientOptions()).Uri,
            account.CreateTableServiceClient(Credential, new TableClientOptions()).Uri,
            account.CreateBlobServiceClient(Credential, new BlobClientOptions()).Uri);
    }

    [Fact]
    public void Development_storage_uses_Azurite_default_ports_and_the_well_known_account()
    {
        var (queue, table, blob) = Endpoints(Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", queue.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", table.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", blob.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void ConnectionStrings_section_is_a_fallback()
    {
        var (queue, _, _) = Endpoints(Configuration(("ConnectionStrings:AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal(10001, queue.Port);
    }

    [Fact]
    public void Account_name_setting_means_identity_endpoints_on_core_windows_net()
    {
        var (queue, table, blob) = Endpoints(Configuration(("AzureWebJobsStorage:accountName", "acme")));

        Assert.Equal(new Uri("https://acme.queue.core.windows.net/"), queue);
        Assert.Equal(new Uri("https://acme.table.core.windows.net/"), table);
        Assert.Equal(new Uri("https://acme.blob.core.windows.net/"), blob);
    }

    [Fact]
    public void Service_uris_win_over_the_account_name()
    {
        var (queue, table, _) = Endpoints(Configuration(
            ("AzureWebJobsStorage:accountName", "acme"),
            ("AzureWebJobsStorage:queueServiceUri", "https://queues.example/"),
            ("AzureWebJobsStorage:tableServiceUri", "https://tables.example/")));

        Assert.Equal(new Uri("https://queues.example/"), queue);
        Assert.Equal(new Uri("https://tables.example/"), table);
    }

    [Fact]
    public void Missing_service_uri_is_reported_with_its_setting_name_when_used()
    {
        var account = StorageAccount.FromConfiguration(Configuration(("AzureWebJobsStorage:queueServiceUri", "https://acme.queue.core.windows.net")));

        var error = Assert.Throws<InvalidOperationException>(() => account.CreateTableServiceClient(Credential, new TableClientOptions()));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_configured_fails_naming_AzureWebJobsStorage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(Configuration()));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_connection_string_names_the_setting_without_echoing_the_key()
    {
        var account = StorageAccount.FromConfiguration(Configuration(("AzureWebJobsStorage", "AccountKey=c2VjcmV0;nonsense")));

        var error = Assert.Throws<InvalidOperationException>(() => account.CreateQueueServiceClient(Credential, new QueueClientOptions()));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_service_uri_names_the_setting()
    {
        var account = StorageAccount.FromConfiguration(Configuration(("AzureWebJobsStorage:blobServiceUri", "not a uri")));

        var error = Assert.Throws<InvalidOperationException>(() => account.CreateBlobServiceClient(Credential, new BlobClientOptions()));

        Assert.Contains("AzureWebJobsStorage__blobServiceUri", error.Message, StringComparison.Ordinal);
    }
}
