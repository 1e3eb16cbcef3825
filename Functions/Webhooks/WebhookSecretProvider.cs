using GitLabConnector.Connections;
using GitLabConnector.Secrets;

namespace GitLabConnector.Webhooks;

/// <summary>
/// The current webhook (or signing) secret and, until the rotation overlap ends, the previous one. Specific versions
/// are read, which the secret store caches indefinitely, so the hot path does not call Key Vault.
/// </summary>
public sealed class WebhookSecretProvider(ISecretStore secrets, TimeProvider time)
{
    private const string SigningPrefix = "whsec_";

    /// <summary>UTF-8 bytes of each acceptable <c>X-Gitlab-Token</c> value.</summary>
    public Task<IReadOnlyList<byte[]>> GetTokenSecretsAsync(ConnectionRecord connection, CancellationToken cancellationToken) =>
        ReadAsync(connection, SecretNames.WebhookSecret(connection.Id), connection.WebhookSecretVersion, connection.PreviousWebhookSecretVersion, Encoding.UTF8.GetBytes, cancellationToken);

    /// <summary>HMAC keys decoded from each acceptable <c>whsec_</c> signing token.</summary>
    public Task<IReadOnlyList<byte[]>> GetSigningKeysAsync(ConnectionRecord connection, CancellationToken cancellationToken) =>
        ReadAsync(connection, SecretNames.SigningSecret(connection.Id), connection.SigningSecretVersion, connection.PreviousSigningSecretVersion, DecodeSigningKey, cancellationToken);

    /// <summary>The HMAC key inside a <c>whsec_&lt;base64&gt;</c> token; empty when malformed.</summary>
    public static byte[] DecodeSigningKey(string signingToken)
    {
        var encoded = signingToken.StartsWith(SigningPrefix, StringComparison.Ordinal) ? signingToken[SigningPrefix.Length..] : signingToken;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private async Task<IReadOnlyList<byte[]>> ReadAsync(
        ConnectionRecord connection, string name, string? currentVersion, string? previousVersion, Func<string, byte[]> decode, CancellationToken cancellationToken)
    {
        var result = new List<byte[]>(2);
        if (currentVersion is not null && await secrets.GetAsync(name, currentVersion, cancellationToken).ConfigureAwait(false) is { Value.Length: > 0 } current)
        {
            result.Add(decode(current.Value));
        }

        var overlapOpen = connection.PreviousSecretValidUntil is { } until && time.GetUtcNow() < until;
        if (overlapOpen && previousVersion is not null && await secrets.GetAsync(name, previousVersion, cancellationToken).ConfigureAwait(false) is { Value.Length: > 0 } previous)
        {
            result.Add(decode(previous.Value));
        }

        result.RemoveAll(k => k.Length == 0);
        return result;
    }
}
