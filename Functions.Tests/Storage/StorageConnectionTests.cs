using Azure.Identity;
using GitLabConnector.Storage;
using Microsoft.Extensions.Configuration;

namespace GitLabConnector.Tests.Storage;

public sealed class StorageConnectionTests
{
    private const string DevKey = StorageConnection.DevelopmentAccountKey;

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build();

    [Fact]
    public void Development_storage_uses_Azurite_default_ports_and_the_well_known_account()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal("devstoreaccount1", connection.SharedKey?.AccountName);
        Assert.Null(connection.TokenCredential);
    }

    [Fact]
    public void Full_connection_string_builds_endpoints_from_protocol_account_and_suffix()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(
            ("AzureWebJobsStorage", $"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={DevKey};EndpointSuffix=core.chinacloudapi.cn")));

        Assert.Equal(new Uri("https://acme.queue.core.chinacloudapi.cn/"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://acme.table.core.chinacloudapi.cn/"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://acme.blob.core.chinacloudapi.cn/"), connection.BlobEndpoint);
        Assert.Equal("acme", connection.SharedKey?.AccountName);
    }

    [Fact]
    public void Connection_string_defaults_to_https_and_core_windows_net()
    {
        var connection = StorageConnection.FromConnectionString($"AccountName=acme;AccountKey={DevKey}");

        Assert.Equal(new Uri("https://acme.queue.core.windows.net/"), connection.QueueEndpoint);
    }

    [Fact]
    public void Explicit_endpoints_in_the_connection_string_win()
    {
        var connection = StorageConnection.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};" +
            "BlobEndpoint=http://127.0.0.1:4000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:4001/devstoreaccount1;TableEndpoint=http://127.0.0.1:4002/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:4000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4002/devstoreaccount1"), connection.TableEndpoint);
    }

    [Fact]
    public void ConnectionStrings_section_is_a_fallback()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(("ConnectionStrings:AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
    }

    [Fact]
    public void Account_name_setting_means_managed_identity_endpoints_on_core_windows_net()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(("AzureWebJobsStorage:accountName", "acme")));

        Assert.Equal(new Uri("https://acme.queue.core.windows.net/"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://acme.table.core.windows.net/"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://acme.blob.core.windows.net/"), connection.BlobEndpoint);
        Assert.Null(connection.SharedKey);
        Assert.IsType<DefaultAzureCredential>(connection.TokenCredential);
    }

    [Fact]
    public void Service_uris_with_managedidentity_credential_use_ManagedIdentityCredential()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:queueServiceUri", "https://acme.queue.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://acme.table.core.windows.net"),
            ("AzureWebJobsStorage:blobServiceUri", "https://acme.blob.core.windows.net"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal(new Uri("https://acme.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://acme.table.core.windows.net"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://acme.blob.core.windows.net"), connection.BlobEndpoint);
        Assert.IsType<ManagedIdentityCredential>(connection.TokenCredential);
    }

    [Fact]
    public void Missing_service_uri_is_reported_with_its_setting_name_when_used()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(("AzureWebJobsStorage:queueServiceUri", "https://acme.queue.core.windows.net")));

        var error = Assert.Throws<InvalidOperationException>(() => connection.GetEndpoint(StorageServiceKind.Table));
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_configured_fails_naming_AzureWebJobsStorage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Configuration()));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_string_without_a_key_is_rejected()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConnectionString("AccountName=acme;SharedAccessSignature=sv=x"));

        Assert.Contains("AccountKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_service_uri_names_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Configuration(("AzureWebJobsStorage:queueServiceUri", "not a uri"))));

        Assert.Contains("AzureWebJobsStorage__queueServiceUri", error.Message, StringComparison.Ordinal);
    }
}
