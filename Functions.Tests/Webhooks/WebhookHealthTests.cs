using System.Net;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Webhooks;

[Collection(AzuriteCollection.Name)]
public sealed class WebhookHealthTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Health_is_200_with_storage_ok_over_azurite()
    {
        await using var host = await ConnectorAppHost.StartAsync(azurite, [new("Connector:Queues:Events", AzuriteFixture.NewQueueName("health"))]);

        using var response = await host.Client.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await WebhookRequests.JsonAsync(response);
        Assert.Equal("ok", report.GetProperty("status").GetString());
        Assert.Equal("ok", report.GetProperty("checks").GetProperty("storage").GetString());
        AssertNoSecrets(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_is_503_with_storage_unreachable_and_reveals_no_settings()
    {
        await using var host = await ConnectorAppHost.StartAsync(azurite, WebhookStorageOutageTests.UnreachableStorage());

        using var response = await host.Client.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await WebhookRequests.JsonAsync(response);
        Assert.Equal("degraded", report.GetProperty("status").GetString());
        Assert.Equal("unreachable", report.GetProperty("checks").GetProperty("storage").GetString());
        AssertNoSecrets(await response.Content.ReadAsStringAsync());
    }

    private static void AssertNoSecrets(string text)
    {
        Assert.DoesNotContain(StorageAccount.DevelopmentAccountKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectorAppHost.AdminKey, text, StringComparison.Ordinal);
    }
}
