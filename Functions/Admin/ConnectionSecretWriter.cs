using System.Buffers.Text;
using System.Security.Cryptography;
using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Secrets;

namespace GitLabConnector.Admin;

/// <summary>A connection's secrets: token, webhook secret, signing token and private CA, each written as a new version.</summary>
public sealed class ConnectionSecretWriter(ISecretStore secrets)
{
    /// <summary>Stores the GitLab token; Key Vault expiry follows GitLab's <c>expires_at</c> and tags describe it (never the value).</summary>
    public Task<StoredSecret> WriteTokenAsync(string connectionId, string token, TokenValidation validation, CancellationToken cancellationToken)
    {
        var info = validation.Token!;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connection"] = connectionId,
            ["kind"] = ConnectionViews.TokenKind(validation.Kind),
            ["tokenId"] = info.Id.ToString(CultureInfo.InvariantCulture),
            ["scopes"] = string.Join(',', info.Scopes),
        };
        DateTimeOffset? expires = info.ExpiresAt is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        return secrets.SetAsync(SecretNames.Token(connectionId), token, new SecretWriteOptions(expires, tags, "gitlab-token"), cancellationToken);
    }

    /// <summary>
    /// Stores a new webhook secret (32 random bytes, base64url: what GitLab sends back in <c>X-Gitlab-Token</c>) and, unless
    /// signing is off, a signing token (<c>whsec_</c> + base64 of a 32-byte HMAC key, as GitLab 19 takes <c>signing_token</c>).
    /// </summary>
    public async Task<WebhookSecrets> WriteNewWebhookSecretsAsync(string connectionId, SigningMode signing, CancellationToken cancellationToken)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var signingToken = signing == SigningMode.Off ? null : "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var secretVersion = await secrets.SetAsync(SecretNames.WebhookSecret(connectionId), secret, new SecretWriteOptions(Tags: Tags(connectionId), ContentType: "webhook-secret"), cancellationToken).ConfigureAwait(false);
        var signingVersion = signingToken is null ? null : await secrets.SetAsync(SecretNames.SigningSecret(connectionId), signingToken, new SecretWriteOptions(Tags: Tags(connectionId), ContentType: "webhook-signing-token"), cancellationToken).ConfigureAwait(false);
        return new WebhookSecrets(secret, signingToken, secretVersion.Version, signingVersion?.Version);
    }

    public Task<StoredSecret> WriteCaCertificateAsync(string connectionId, string pem, CancellationToken cancellationToken) =>
        secrets.SetAsync(SecretNames.CaCertificate(connectionId), pem, new SecretWriteOptions(Tags: Tags(connectionId), ContentType: "application/x-pem-file"), cancellationToken);

    // Missing ones are fine.
    public async Task DeleteAllAsync(string connectionId, CancellationToken cancellationToken)
    {
        await secrets.DeleteAsync(SecretNames.CaCertificate(connectionId), cancellationToken).ConfigureAwait(false);
        await secrets.DeleteAsync(SecretNames.Token(connectionId), cancellationToken).ConfigureAwait(false);
        await secrets.DeleteAsync(SecretNames.WebhookSecret(connectionId), cancellationToken).ConfigureAwait(false);
        await secrets.DeleteAsync(SecretNames.SigningSecret(connectionId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The connection's GitLab with its latest token and its CA, or null when no token is stored.</summary>
    public async Task<GitLabConnection?> ReadGitLabConnectionAsync(ConnectionRecord connection, CancellationToken cancellationToken) =>
        await secrets.GetAsync(SecretNames.Token(connection.Id), null, cancellationToken).ConfigureAwait(false) is { } token
            ? await secrets.GitLabConnectionAsync(connection, token.Value, cancellationToken).ConfigureAwait(false)
            : null;

    private static Dictionary<string, string> Tags(string connectionId) => new(StringComparer.Ordinal) { ["connection"] = connectionId };
}

/// <summary>A connection's new webhook secret and signing token, with their versions in the secret store.</summary>
public sealed record WebhookSecrets(string Secret, string? SigningToken, string SecretVersion, string? SigningVersion)
{
    public override string ToString() => $"WebhookSecrets {{ SecretVersion = {SecretVersion}, SigningVersion = {SigningVersion} }}";
}
