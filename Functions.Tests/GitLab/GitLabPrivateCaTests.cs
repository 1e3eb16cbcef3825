using NSubstitute;
using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;

namespace GitLabConnector.Tests.GitLab;

/// <summary>A self-managed GitLab served over HTTPS with a certificate from a private CA made here.</summary>
public sealed class GitLabPrivateCaTests : IAsyncLifetime
{
    private const string Token = "glpat-PrivateCaToken12345";
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create("GitLab Internal CA");
    private readonly TestCertificateAuthority _otherCa = TestCertificateAuthority.Create("Some Other CA");
    private FakeGitLabServer _gitLab = null!;
    private GitLabClientHarness _client = null!;

    public async Task InitializeAsync()
    {
        _gitLab = await FakeGitLabServer.StartAsync(certificate: _ca.IssueServerCertificate());
        _gitLab.State.AddPersonalToken(Token, userId: 1, username: "alice");
        _client = GitLabClientHarness.Create();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gitLab.DisposeAsync();
        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Fact]
    public async Task A_connection_with_the_private_ca_reaches_gitlab_over_https()
    {
        Assert.Equal("https", _gitLab.BaseUrl.Scheme);

        var user = await _client.Api.GetCurrentUserAsync(Connection(_ca.Pem), CancellationToken.None);

        Assert.Equal("alice", user.Username);
        Assert.Single(_gitLab.Requests.To("/user"));
    }

    [Fact]
    public async Task Without_the_ca_gitlab_is_refused_before_anything_is_sent_and_not_retried()
    {
        var error = await Assert.ThrowsAsync<GitLabUntrustedCertificateException>(() => _client.Api.GetCurrentUserAsync(Connection(null), CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains("caCertificate", error.Message, StringComparison.Ordinal);
        Assert.Empty(_gitLab.Requests.Entries);
        Assert.Single(_client.Logs.Entries, e => e.EventId.Id == 1800);
        Assert.DoesNotContain(_client.Logs.Entries, e => e.EventId.Id == 1201);
    }

    [Fact]
    public async Task A_connection_trusting_another_ca_is_refused_too()
    {
        var error = await Assert.ThrowsAsync<GitLabUntrustedCertificateException>(() => _client.Api.GetCurrentUserAsync(Connection(_otherCa.Pem), CancellationToken.None));

        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
        Assert.Empty(_gitLab.Requests.Entries);
    }

    [Fact]
    public async Task A_handshake_cut_off_mid_way_is_a_transient_failure_not_an_untrusted_certificate()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var dropping = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Reads the ClientHello, then hangs up before answering it.
                using var socket = await listener.AcceptSocketAsync(stop.Token);
                await socket.ReceiveAsync(new byte[512], stop.Token);
            }
        });
        var url = new Uri($"https://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/");

        var error = await Assert.ThrowsAsync<GitLabApiException>(() => _client.Api.GetCurrentUserAsync(Connection(_ca.Pem) with { BaseUrl = url }, CancellationToken.None));

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dropping);
        Assert.IsNotType<GitLabUntrustedCertificateException>(error);
        Assert.True(error.IsTransient);
        Assert.DoesNotContain(_client.Logs.Entries, e => e.EventId.Id == 1800);
    }

    [Fact]
    public async Task A_certificate_from_the_private_ca_for_another_host_name_is_refused()
    {
        // gitlab.other.test reaches the same server, whose certificate names only 127.0.0.1 and localhost.
        var resolver = Substitute.For<IHostAddressResolver>();
        resolver.ResolveAsync("gitlab.other.test", Arg.Any<CancellationToken>()).Returns([System.Net.IPAddress.Loopback]);
        using var client = GitLabClientHarness.Create(resolver: resolver);
        var url = new UriBuilder(_gitLab.BaseUrl) { Host = "gitlab.other.test" }.Uri;

        var error = await Assert.ThrowsAsync<GitLabUntrustedCertificateException>(() => client.Api.GetCurrentUserAsync(Connection(_ca.Pem) with { BaseUrl = url }, CancellationToken.None));

        Assert.Contains("RemoteCertificateNameMismatch", error.Message, StringComparison.Ordinal);
        Assert.Empty(_gitLab.Requests.Entries);
    }

    [Fact]
    public async Task The_ca_of_one_connection_does_not_make_gitlab_trusted_for_another()
    {
        await _client.Api.GetCurrentUserAsync(Connection(_ca.Pem), CancellationToken.None);

        await Assert.ThrowsAsync<GitLabUntrustedCertificateException>(() => _client.Api.GetCurrentUserAsync(Connection(null) with { ConnectionId = "conn-2" }, CancellationToken.None));
    }

    [Fact]
    public async Task The_address_policy_holds_for_a_private_ca_connection()
    {
        using var strict = GitLabClientHarness.Create(allowInsecureUrls: false);

        await Assert.ThrowsAsync<GitLabAddressRefusedException>(() => strict.Api.GetCurrentUserAsync(Connection(_ca.Pem), CancellationToken.None));

        Assert.Empty(_gitLab.Requests.Entries);
    }

    [Fact]
    public async Task The_pem_is_never_logged()
    {
        await _client.Api.GetCurrentUserAsync(Connection(_ca.Pem), CancellationToken.None);
        await Assert.ThrowsAsync<GitLabUntrustedCertificateException>(() => _client.Api.GetCurrentUserAsync(Connection(_otherCa.Pem), CancellationToken.None));

        var body = Convert.ToBase64String(_ca.Certificate.RawData);
        Assert.DoesNotContain(body[..40], _client.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(_otherCa.Certificate.RawData)[..40], _client.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN CERTIFICATE", Connection(_ca.Pem).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void One_client_per_ca_is_kept_and_their_number_is_bounded()
    {
        var clients = _client.Get<GitLabHttpClients>();

        Assert.Same(clients.For(Connection(_ca.Pem)), clients.For(Connection(_ca.Pem) with { ConnectionId = "conn-2" }));
        Assert.NotSame(clients.For(Connection(_ca.Pem)), clients.For(Connection(_otherCa.Pem)));
        Assert.NotSame(clients.For(Connection(_ca.Pem)), clients.For(Connection(null)));

        for (var i = 0; i < GitLabHttpClients.MaxCas + 5; i++)
        {
            using var ca = TestCertificateAuthority.Create($"CA {i}");
            clients.For(Connection(ca.Pem));
            Assert.InRange(clients.Count, 1, GitLabHttpClients.MaxCas);
        }
    }

    private GitLabConnection Connection(string? ca) => new("conn-1", _gitLab.BaseUrl, Token, ca);
}
