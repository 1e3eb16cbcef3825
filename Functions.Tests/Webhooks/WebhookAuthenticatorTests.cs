using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GitLabConnector.Connections;
using GitLabConnector.Secrets;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Webhooks;
using NSubstitute;

namespace GitLabConnector.Tests.Webhooks;

public class WebhookAuthenticatorTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ISecretStore _secrets = Substitute.For<ISecretStore>();
    private readonly WebhookAuthenticator _authenticator;
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);

    public WebhookAuthenticatorTests()
    {
        _authenticator = new WebhookAuthenticator(new WebhookSecretProvider(_secrets, _time), _time);
        Returns(SecretNames.WebhookSecret("c1"), "v2", "current-secret");
        Returns(SecretNames.WebhookSecret("c1"), "v1", "previous-secret");
        Returns(SecretNames.SigningSecret("c1"), "s1", "whsec_" + Convert.ToBase64String(_signingKey));
    }

    private ConnectionRecord Connection(SigningMode signing = SigningMode.Off, DateTimeOffset? overlapUntil = null) => new()
    {
        Id = "c1",
        Name = "test",
        GitLabUrl = new Uri("https://gitlab.example.com"),
        WebhookSecretVersion = "v2",
        PreviousWebhookSecretVersion = "v1",
        PreviousSecretValidUntil = overlapUntil,
        Signing = signing,
        SigningSecretVersion = signing == SigningMode.Off ? null : "s1",
    };

    [Fact]
    public async Task Accepts_the_current_secret()
    {
        Assert.Equal(AuthOutcome.Authenticated, await _authenticator.AuthenticateHeadersAsync(Connection(), "current-secret", false, default));
    }

    [Fact]
    public async Task Rejects_delivery_without_token()
    {
        Assert.Equal(AuthOutcome.MissingToken, await _authenticator.AuthenticateHeadersAsync(Connection(), null, false, default));
    }

    [Fact]
    public async Task Rejects_delivery_with_wrong_token()
    {
        Assert.Equal(AuthOutcome.InvalidToken, await _authenticator.AuthenticateHeadersAsync(Connection(), "current-secreT", false, default));
    }

    [Fact]
    public async Task Accepts_previous_secret_inside_the_overlap_and_rejects_it_after()
    {
        var connection = Connection(overlapUntil: _time.GetUtcNow().AddHours(1));
        Assert.Equal(AuthOutcome.Authenticated, await _authenticator.AuthenticateHeadersAsync(connection, "previous-secret", false, default));

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(AuthOutcome.InvalidToken, await _authenticator.AuthenticateHeadersAsync(connection, "previous-secret", false, default));
    }

    [Fact]
    public async Task Accepts_nothing_when_the_connection_has_no_secret()
    {
        var connection = Connection() with { WebhookSecretVersion = null, PreviousWebhookSecretVersion = null };
        Assert.Equal(AuthOutcome.NoSecret, await _authenticator.AuthenticateHeadersAsync(connection, "anything", false, default));
        Assert.Equal(AuthOutcome.NoSecret, await _authenticator.AuthenticateHeadersAsync(connection, string.Empty, false, default));
    }

    [Fact]
    public async Task Require_mode_rejects_unsigned_deliveries_even_with_a_valid_token()
    {
        Assert.Equal(AuthOutcome.MissingSignature, await _authenticator.AuthenticateHeadersAsync(Connection(SigningMode.Require), "current-secret", false, default));
    }

    [Fact]
    public async Task Accept_mode_verifies_a_signature_when_present()
    {
        var connection = Connection(SigningMode.Accept);
        Assert.Equal(AuthOutcome.SignatureRequired, await _authenticator.AuthenticateHeadersAsync(connection, null, true, default));

        var body = Encoding.UTF8.GetBytes("{}");
        var ts = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = StandardWebhookSignature.Sign("id-1", ts, body, _signingKey);
        Assert.Equal(AuthOutcome.Authenticated, await _authenticator.VerifySignatureAsync(connection, "id-1", ts, signature, body, default));
        Assert.Equal(AuthOutcome.InvalidSignature, await _authenticator.VerifySignatureAsync(connection, "id-1", ts, signature, Encoding.UTF8.GetBytes("{ }"), default));
    }

    [Fact]
    public async Task Off_mode_ignores_signature_headers_and_checks_the_token()
    {
        Assert.Equal(AuthOutcome.Authenticated, await _authenticator.AuthenticateHeadersAsync(Connection(), "current-secret", true, default));
    }

    private void Returns(string name, string version, string value) =>
        _secrets.GetAsync(name, version, Arg.Any<CancellationToken>())
            .Returns(new StoredSecret(name, value, version, null, null, new Dictionary<string, string>()));
}
