using Azure.Identity;
using GitLabConnector.Identity;
using Microsoft.Extensions.Configuration;

namespace GitLabConnector.Tests.Identity;

public sealed class ConnectorCredentialTests
{
    [Theory]
    [InlineData("explicit-id", null, null, "explicit-id")]
    [InlineData("explicit-id", "managedidentity", "storage-id", "explicit-id")]
    [InlineData(null, "managedidentity", "storage-id", "storage-id")]
    [InlineData(null, "ManagedIdentity", "storage-id", "storage-id")]
    [InlineData(null, "secret", "storage-id", null)]
    [InlineData(null, "managedidentity", null, null)]
    [InlineData(null, null, null, null)]
    public void Picks_the_managed_identity_client_id(string? connectorId, string? storageCredential, string? storageClientId, string? expected)
    {
        var configuration = Configuration(
            ("Connector:ManagedIdentityClientId", connectorId),
            ("AzureWebJobsStorage:credential", storageCredential),
            ("AzureWebJobsStorage:clientId", storageClientId));

        Assert.Equal(expected, ConnectorCredential.ManagedIdentityClientId(configuration));
    }

    [Fact]
    public void Uses_managed_identity_with_a_client_id_and_default_credential_without()
    {
        Assert.IsType<ManagedIdentityCredential>(ConnectorCredential.Create(Configuration(("Connector:ManagedIdentityClientId", "id"))));
        Assert.IsType<DefaultAzureCredential>(ConnectorCredential.Create(Configuration()));
    }

    [Fact]
    public void Storage_managedidentity_without_a_client_id_means_the_system_assigned_identity()
    {
        Assert.IsType<ManagedIdentityCredential>(ConnectorCredential.Create(Configuration(("AzureWebJobsStorage:credential", "managedidentity"))));
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
