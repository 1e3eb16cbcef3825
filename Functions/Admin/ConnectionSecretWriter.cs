using GitLabConnector.Connections;
using GitLabConnector.Secrets;

namespace GitLabConnector.Admin;

/// <summary>Writes a connection's token, webhook secret and signing token as new secret versions.</summary>
public sealed class ConnectionSecretWriter(ISecretStore secrets)
{
    /// <summary>Stores the GitLab token; Key Vault expiry follows GitLab's <c>expires_at</c> and tags describe it (never the value).</summary>
    public Task<StoredSecret> WriteTokenAsync(string connectionId, string token, TokenValidation validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var info = validation.Token!;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connection"] = connectionId,
            ["kind"] = ConnectionTokenKind.Name(validation.Kind),
            ["tokenId"] = info.Id.ToString(CultureInfo.InvariantCulture),
            ["scopes"] = string.Join(',', info.Scopes),
        };
        DateTimeOffset? expires = info.ExpiresAt is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        return secrets.SetAsync(SecretNames.Token(connectionId), token, new SecretWriteOptions(expires, tags, "gitlab-token"), cancellationToken);
    }

    public Task<StoredSecret> WriteWebhookSecretAsync(string connectionId, string secret, CancellationToken cancellationToken) =>
        secrets.SetAsync(SecretNames.WebhookSecret(connectionId), secret, new SecretWriteOptions(Tags: Tags(connectionId), ContentType: "webhook-secret"), cancellationToken);

    public Task<StoredSecret> WriteSigningTokenAsync(string connectionId, string signingToken, CancellationToken cancellationToken) =>
        secrets.SetAsync(SecretNames.SigningSecret(connectionId), signingToken, new SecretWriteOptions(Tags: Tags(connectionId), ContentType: "webhook-signing-token"), cancellationToken);

    /// <summary>Removes all three secrets of a connection; missing ones are fine.</summary>
    public async Task DeleteAllAsync(string connectionId, CancellationToken cancellationToken)
    {
        await secrets.DeleteAsync(SecretNames.Token(connectionId), cancellationToken).ConfigureAwait(false);
        await secrets.DeleteAsync(SecretNames.WebhookSecret(connectionId), cancellationToken).ConfigureAwait(false);
        await secrets.DeleteAsync(SecretNames.SigningSecret(connectionId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest stored GitLab token, or null.</summary>
    public async Task<string?> ReadTokenAsync(string connectionId, CancellationToken cancellationToken) =>
        (await secrets.GetAsync(SecretNames.Token(connectionId), null, cancellationToken).ConfigureAwait(false))?.Value;

    private static Dictionary<string, string> Tags(string connectionId) => new(StringComparer.Ordinal) { ["connection"] = connectionId };
}
