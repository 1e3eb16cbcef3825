using System.Net;
using System.Net.Http.Json;
using GitLabConnector.Admin;
using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Enrichment.Processing;

/// <summary>Enrichment calls a GitLab served over HTTPS by a private CA: with the connection's CA, and without it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnrichmentPrivateCaTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create("GitLab Internal CA");

    public void Dispose() => _ca.Dispose();

    [Fact]
    public async Task A_connection_given_its_ca_through_the_admin_api_is_enriched_over_https()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite, gitLabCertificate: _ca.IssueServerCertificate());
        using var put = new HttpRequestMessage(HttpMethod.Put, $"api/connections/{host.ConnectionId}/ca-certificate") { Content = JsonContent.Create(new { caCertificate = _ca.Pem }) };
        put.Headers.Add(AdminKeyFilter.HeaderName, ConnectorAppHost.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await host.App.Client.SendAsync(put)).StatusCode);
        var eventId = await host.DeliverAsync("merge-request.json", "private-ca-1");

        await host.ProcessNextAsync();

        Assert.False((await host.PublishedRecordAsync(eventId)).GetProperty("partial").GetBoolean());
        Assert.Contains(host.GitLab.Requests.Entries, r => r.Route == "/projects/{id}/merge_requests/{iid}");
    }

    [Fact]
    public async Task Without_its_ca_the_event_fails_with_the_reason_and_gitlab_sees_nothing()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite, gitLabCertificate: _ca.IssueServerCertificate());
        await host.DeliverAsync("merge-request.json", "private-ca-2");

        var error = await Assert.ThrowsAsync<GitLabUntrustedCertificateException>(async () => await host.Processor.ProcessAsync(await host.ReceiveAsync(), default));

        Assert.Contains("caCertificate", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.GitLab.Requests.Entries);
        Assert.Empty(await host.PublishedAsync());
    }
}
