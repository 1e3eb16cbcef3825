using System.Security.Cryptography;
using GitLabConnector.Connections;

namespace GitLabConnector.Webhooks;

/// <summary>
/// A Standard Webhooks signature when the request carries one and the connection signs (or requires signatures), else
/// <c>X-Gitlab-Token</c> compared in constant time with the current and, during the rotation overlap, previous secret.
/// A connection without any secret accepts nothing.
/// </summary>
public sealed class WebhookAuthenticator(WebhookSecretProvider secrets, TimeProvider time)
{
    /// <summary>First step, from headers alone. <see cref="AuthOutcome.SignatureRequired"/> means: call <see cref="VerifySignatureAsync"/>.</summary>
    public async Task<AuthOutcome> AuthenticateHeadersAsync(ConnectionRecord connection, string? token, bool hasSignature, CancellationToken cancellationToken)
    {
        if (connection.Signing == SigningMode.Require)
        {
            return hasSignature ? AuthOutcome.SignatureRequired : AuthOutcome.MissingSignature;
        }

        if (hasSignature && connection.Signing == SigningMode.Accept && connection.SigningSecretVersion is not null)
        {
            return AuthOutcome.SignatureRequired;
        }

        var accepted = await secrets.GetTokenSecretsAsync(connection, cancellationToken).ConfigureAwait(false);
        if (accepted.Count == 0)
        {
            return AuthOutcome.NoSecret;
        }

        return string.IsNullOrEmpty(token) ? AuthOutcome.MissingToken
            : Matches(token, accepted) ? AuthOutcome.Authenticated : AuthOutcome.InvalidToken;
    }

    /// <summary>
    /// Signed deliveries, with the connection's signing keys: without the body, the headers are checked
    /// (<see cref="AuthOutcome.SignatureRequired"/>: the body is worth reading within the unverified budget); with it, the HMAC.
    /// </summary>
    public async Task<AuthOutcome> VerifySignatureAsync(
        ConnectionRecord connection, string? webhookId, string? timestamp, string? signature, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
    {
        var keys = await secrets.GetSigningKeysAsync(connection, cancellationToken).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            return AuthOutcome.NoSecret;
        }

        return body is { } content
            ? StandardWebhookSignature.Verify(webhookId, timestamp, signature, content.Span, keys, time.GetUtcNow(), StandardWebhookSignature.DefaultTolerance)
            : StandardWebhookSignature.CheckHeaders(webhookId, timestamp, signature, time.GetUtcNow(), StandardWebhookSignature.DefaultTolerance);
    }

    // Hashing first makes the comparison independent of both lengths.
    private static bool Matches(string token, IReadOnlyList<byte[]> accepted)
    {
        Span<byte> presented = stackalloc byte[32];
        Span<byte> candidate = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), presented);
        var match = false;
        foreach (var secret in accepted)
        {
            SHA256.HashData(secret, candidate);
            match |= CryptographicOperations.FixedTimeEquals(presented, candidate);
        }

        return match;
    }
}

public enum AuthOutcome
{
    Authenticated,
    SignatureRequired,
    NoSecret,
    MissingToken,
    InvalidToken,
    MissingSignature,
    InvalidSignature,
    StaleSignature,
}
