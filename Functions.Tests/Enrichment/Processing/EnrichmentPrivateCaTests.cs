using System.Net;
using System.Net.Http.Json;
using GitLabConnector.Admin;
using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Enrichment.Processing;

/// <summary>Enrichment calls a GitLab served over HTTPS by a private CA: without the connection's CA the event is parked until the CA is set.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnrichmentPrivateCaTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create("GitLab Internal CA");

    public void Dispose() => _ca.Dispose();

    [Fact]
    public async Task Without_its_ca_the_event_is_parked_and_setting_the_ca_re_drives_it_over_https()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite, gitLabCertificate: _ca.IssueServerCertificate());
        var eventId = await host.DeliverAsync("merge-request.json", "private-ca-2");

        await host.ProcessNextAsync();

        Assert.Equal(1, await host.App.Get<IParkedEvents>().CountAsync(host.ConnectionId, default));
        Assert.Contains("caCertificate", (await host.ConnectionAsync())!.HealthReason, StringComparison.Ordinal);
        Assert.Empty(host.GitLab.Requests.Entries);
        Assert.Empty(await host.PublishedAsync());

        using var put = new HttpRequestMessage(HttpMethod.Put, $"api/connections/{host.ConnectionId}/ca-certificate") { Content = JsonContent.Create(new { caCertificate = _ca.Pem }) };
        put.Headers.Add(AdminKeyFilter.HeaderName, ConnectorAppHost.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await host.App.Client.SendAsync(put)).StatusCode);
        Assert.Equal(0, await host.App.Get<IParkedEvents>().CountAsync(host.ConnectionId, default));
        await host.ProcessNextAsync();

        Assert.False((await host.PublishedRecordAsync(eventId)).GetProperty("partial").GetBoolean());
        Assert.Contains(host.GitLab.Requests.Entries, r => r.Route == "/projects/{id}/merge_requests/{iid}");
        Assert.True((await host.ConnectionAsync())!.Healthy);
    }
}
