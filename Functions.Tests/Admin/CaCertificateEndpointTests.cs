using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitLabConnector.Tests.Admin;

/// <summary><c>caCertificate</c> at connect and <c>PUT</c>/<c>DELETE /api/connections/{id}/ca-certificate</c>, GitLab substituted.</summary>
public sealed class CaCertificateEndpointTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create("GitLab Internal CA");

    public void Dispose() => _ca.Dispose();

    [Fact]
    public async Task Connect_with_a_ca_keeps_it_in_the_secret_store_and_calls_gitlab_trusting_it()
    {
        await using var host = await new AdminApiHost().StartAsync();

        var body = await host.ConnectAsync(new { name = "Self-managed", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken, caCertificate = _ca.Pem });

        var id = body.GetProperty("id").GetString()!;
        var record = host.Store[id]!;
        var stored = Assert.Single(host.Secrets.Versions(SecretNames.CaCertificate(id)));
        Assert.Equal(_ca.Pem.Trim(), stored.Value);
        Assert.Equal(stored.Version, record.CaCertificateVersion);
        Assert.DoesNotContain(((IDictionary<string, object>)ConnectionEntityMapper.ToEntity(record, "p")).Values, v => v is string s && s.Contains("CERTIFICATE", StringComparison.Ordinal));
        await host.GitLab.Received().GetCurrentUserAsync(Arg.Is<GitLabConnection>(c => c.CaCertificate == stored.Value), Arg.Any<CancellationToken>());
        Assert.True((await host.Client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}")).GetProperty("privateCa").GetBoolean());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]
    [InlineData("not pem at all")]
    public async Task Connect_with_a_bad_pem_is_400_naming_caCertificate_and_keeps_nothing(string pem)
    {
        await using var host = await new AdminApiHost().StartAsync();

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "Bad CA", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken, caCertificate = pem });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("caCertificate", out _));
        Assert.Empty(host.Secrets.AllValues());
        await host.GitLab.DidNotReceiveWithAnyArgs().GetCurrentUserAsync(default!, default);
    }

    [Fact]
    public async Task Connect_with_a_private_key_or_a_leaf_certificate_is_400()
    {
        await using var host = await new AdminApiHost().StartAsync();
        using var leaf = _ca.IssueServerCertificate();

        foreach (var pem in new[] { _ca.Pem + _ca.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), leaf.ExportCertificatePem() })
        {
            var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "Bad CA", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken, caCertificate = pem });

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("caCertificate", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Connect_to_a_gitlab_whose_certificate_is_untrusted_is_422_and_keeps_nothing()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.GitLab.GetCurrentUserAsync(Arg.Any<GitLabConnection>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new GitLabUntrustedCertificateException("The TLS handshake with GitLab failed: UntrustedRoot. A self-managed GitLab behind a private CA needs the connection's caCertificate."));

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "Untrusted", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("gitlab-certificate-untrusted", problem.GetProperty("reason").GetString());
        Assert.Contains("caCertificate", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.Secrets.AllValues());
    }

    [Fact]
    public async Task Put_sets_the_ca_and_delete_goes_back_to_the_public_roots()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;
        Assert.Null(host.Store[id]!.CaCertificateVersion);

        var put = await host.Client.PutAsJsonAsync($"/api/connections/{id}/ca-certificate", new { caCertificate = _ca.Pem });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("privateCa").GetBoolean());
        var stored = Assert.Single(host.Secrets.Versions(SecretNames.CaCertificate(id)));
        Assert.Equal(stored.Version, host.Store[id]!.CaCertificateVersion);
        await host.GitLab.Received().GetCurrentUserAsync(Arg.Is<GitLabConnection>(c => c.CaCertificate == stored.Value), Arg.Any<CancellationToken>());

        var delete = await host.Client.DeleteAsync(new Uri($"/api/connections/{id}/ca-certificate", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.False((await delete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("privateCa").GetBoolean());
        Assert.Null(host.Store[id]!.CaCertificateVersion);
        Assert.False((await host.Client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}")).GetProperty("privateCa").GetBoolean());
    }

    [Fact]
    public async Task Put_with_a_bad_pem_is_400_naming_caCertificate_and_changes_nothing()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;
        var before = host.Store[id]!;

        var response = await host.Client.PutAsJsonAsync($"/api/connections/{id}/ca-certificate", new { caCertificate = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("caCertificate", out _));
        Assert.Empty(host.Secrets.Versions(SecretNames.CaCertificate(id)));
        Assert.Equal(before.UpdatedAt, host.Store[id]!.UpdatedAt);
    }

    [Fact]
    public async Task Put_of_a_ca_gitlabs_certificate_does_not_chain_to_is_422_and_not_kept()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;
        host.GitLab.GetCurrentUserAsync(Arg.Is<GitLabConnection>(c => c.CaCertificate != null), Arg.Any<CancellationToken>())
            .ThrowsAsync(new GitLabUntrustedCertificateException("The connection's caCertificate does not verify GitLab's certificate."));

        var response = await host.Client.PutAsJsonAsync($"/api/connections/{id}/ca-certificate", new { caCertificate = _ca.Pem });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Empty(host.Secrets.Versions(SecretNames.CaCertificate(id)));
        Assert.Null(host.Store[id]!.CaCertificateVersion);
    }

    [Fact]
    public async Task Ca_routes_answer_404_for_an_unknown_connection()
    {
        await using var host = await new AdminApiHost().StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PutAsJsonAsync("/api/connections/nope/ca-certificate", new { caCertificate = _ca.Pem })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.DeleteAsync(new Uri("/api/connections/nope/ca-certificate", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Disconnect_removes_the_ca_with_the_other_secrets()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync(new { name = "Self-managed", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken, caCertificate = _ca.Pem })).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await host.Client.DeleteAsync(new Uri($"/api/connections/{id}", UriKind.Relative))).StatusCode);

        Assert.Contains(SecretNames.CaCertificate(id), host.Secrets.Deleted);
    }
}
