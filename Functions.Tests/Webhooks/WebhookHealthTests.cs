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

        using var response = await GetWithKeyAsync(host);

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

        using var response = await GetWithKeyAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await WebhookRequests.JsonAsync(response);
        Assert.Equal("degraded", report.GetProperty("status").GetString());
        Assert.Equal("unreachable", report.GetProperty("checks").GetProperty("storage").GetString());
        AssertNoSecrets(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_health_shows_the_status_but_not_the_dependencies()
    {
        await using var host = await ConnectorAppHost.StartAsync(azurite, WebhookStorageOutageTests.UnreachableStorage());

        using var response = await host.Client.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await WebhookRequests.JsonAsync(response);
        Assert.Equal("degraded", report.GetProperty("status").GetString());
        Assert.False(report.TryGetProperty("checks", out _));
    }

    private static async Task<HttpResponseMessage> GetWithKeyAsync(ConnectorAppHost host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health");
        request.Headers.Add(GitLabConnector.Admin.AdminKeyFilter.HeaderName, ConnectorAppHost.AdminKey);
        return await host.Client.SendAsync(request);
    }

    private static void AssertNoSecrets(string text)
    {
        Assert.DoesNotContain(StorageAccount.DevelopmentAccountKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectorAppHost.AdminKey, text, StringComparison.Ordinal);
    }
}
