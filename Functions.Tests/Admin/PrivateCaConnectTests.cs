using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using GitLabConnector.Projects;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitLabConnector.Tests.Admin;

/// <summary>Connect through the admin API and the real GitLab client to a fake GitLab served over HTTPS by a private CA.</summary>
public sealed class PrivateCaConnectTests : IAsyncLifetime
{
    private const string Token = "glpat-PrivateCaConnect12345";
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create("GitLab Internal CA");
    private readonly TestCertificateAuthority _otherCa = TestCertificateAuthority.Create("Some Other CA");
    private FakeGitLabServer _gitLab = null!;
    private AdminApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _gitLab = await FakeGitLabServer.StartAsync(certificate: _ca.IssueServerCertificate());
        _gitLab.State.AddPersonalToken(Token, userId: 1, username: "alice", scopes: ["read_api"]);
        _host = new AdminApiHost
        {
            ConfigureServices = services =>
            {
                // The real client instead of the substitute; loopback (the fake GitLab) needs the insecure-URL flag, https stays https.
                services.RemoveAll<IGitLabApi>();
                services.AddProjects();
                services.AddSingleton(new ProjectActivity(new TableServiceClient("UseDevelopmentStorage=true"), TimeProvider.System)); // not read by the hook route
                services.AddGitLab(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Connector:AllowInsecureGitLabUrls"] = "true" }).Build());
            },
        };
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _gitLab.DisposeAsync();
        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Fact]
    public async Task Connect_with_the_private_ca_reaches_gitlab_and_a_later_test_uses_it_too()
    {
        var response = await ConnectAsync(_ca.Pem);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var test = await _host.Client.PostAsync(new Uri($"/api/connections/{id}/test", UriKind.Relative), null);
        var result = await test.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(2, _gitLab.Requests.To("/user").Count);
    }

    [Fact]
    public async Task Connect_without_the_ca_or_with_another_ca_is_refused_naming_caCertificate()
    {
        foreach (var ca in new[] { null, _otherCa.Pem })
        {
            var response = await ConnectAsync(ca);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("gitlab-certificate-untrusted", problem.GetProperty("reason").GetString());
            Assert.Contains("caCertificate", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(_gitLab.Requests.Entries);
        Assert.Empty(_host.Secrets.AllValues());
    }

    [Fact]
    public async Task Once_the_ca_is_removed_the_test_reports_gitlab_untrusted_and_a_new_ca_brings_it_back()
    {
        var id = (await (await ConnectAsync(_ca.Pem)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await _host.Client.DeleteAsync(new Uri($"/api/connections/{id}/ca-certificate", UriKind.Relative))).StatusCode);
        var untrusted = await TestAsync(id);
        var wrong = await _host.Client.PutAsJsonAsync($"/api/connections/{id}/ca-certificate", new { caCertificate = _otherCa.Pem });
        var right = await _host.Client.PutAsJsonAsync($"/api/connections/{id}/ca-certificate", new { caCertificate = _ca.Pem });
        var trusted = await TestAsync(id);

        Assert.False(untrusted.GetProperty("ok").GetBoolean());
        Assert.False(untrusted.GetProperty("reachable").GetBoolean());
        Assert.Contains("caCertificate", untrusted.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.True(trusted.GetProperty("ok").GetBoolean(), trusted.ToString());
    }

    [Fact]
    public async Task Creating_a_hook_on_a_gitlab_whose_certificate_is_untrusted_is_422_not_502()
    {
        var id = (await (await ConnectAsync(_ca.Pem)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await _host.Client.DeleteAsync(new Uri($"/api/connections/{id}/ca-certificate", UriKind.Relative));

        var response = await _host.Client.PostAsync(new Uri($"/api/connections/{id}/projects/5/hook", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("gitlab-certificate-untrusted", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    private async Task<JsonElement> TestAsync(string id) =>
        await (await _host.Client.PostAsync(new Uri($"/api/connections/{id}/test", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();

    private Task<HttpResponseMessage> ConnectAsync(string? ca) =>
        _host.Client.PostAsJsonAsync("/api/connections", new { name = "Self-managed", gitlabUrl = _gitLab.BaseUrl.ToString(), token = Token, caCertificate = ca });
}
