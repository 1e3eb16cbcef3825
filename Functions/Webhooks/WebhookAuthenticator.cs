using System.Security.Cryptography;
using GitLabConnector.Connections;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Authenticates a delivery for its connection: a Standard Webhooks signature when the request carries one and the
/// connection has a signing secret (or requires signatures), otherwise <c>X-Gitlab-Token</c> compared in constant time
/// against the current and, during the rotation overlap, the previous webhook secret. A connection without any secret
/// accepts nothing. Token checks happen before the body is read; signature checks check the headers first and need the body last.
/// </summary>
public sealed class WebhookAuthenticator(WebhookSecretProvider secrets, TimeProvider time)
{
    /// <summary>First step, from headers alone. <see cref="AuthOutcome.SignatureRequired"/> means: read the body, then call <see cref="VerifySignatureAsync"/>.</summary>
    public async Task<AuthOutcome> AuthenticateHeadersAsync(ConnectionRecord connection, string? token, bool hasSignature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
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

        if (string.IsNullOrEmpty(token))
        {
            return AuthOutcome.MissingToken;
        }

        return Matches(token, accepted) ? AuthOutcome.Authenticated : AuthOutcome.InvalidToken;
    }

    /// <summary>
    /// Second step for signed deliveries, still without the body: the connection has a signing key and the
    /// Standard Webhooks headers are well-formed and fresh. <see cref="AuthOutcome.SignatureRequired"/> means the body
    /// is worth reading (within the unverified-bytes budget) for <see cref="VerifySignatureAsync"/>.
    /// </summary>
    public async Task<AuthOutcome> CheckSignatureHeadersAsync(ConnectionRecord connection, string? webhookId, string? timestamp, string? signature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var keys = await secrets.GetSigningKeysAsync(connection, cancellationToken).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            return AuthOutcome.NoSecret;
        }

        return ToOutcome(StandardWebhookSignature.CheckHeaders(webhookId, timestamp, signature, time.GetUtcNow(), StandardWebhookSignature.DefaultTolerance)) switch
        {
            AuthOutcome.Authenticated => AuthOutcome.SignatureRequired,
            var failed => failed,
        };
    }

    public async Task<AuthOutcome> VerifySignatureAsync(
        ConnectionRecord connection, string? webhookId, string? timestamp, string? signature, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var keys = await secrets.GetSigningKeysAsync(connection, cancellationToken).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            return AuthOutcome.NoSecret;
        }

        return ToOutcome(StandardWebhookSignature.Verify(webhookId, timestamp, signature, body.Span, keys, time.GetUtcNow(), StandardWebhookSignature.DefaultTolerance));
    }

    private static AuthOutcome ToOutcome(SignatureCheck check) => check switch
    {
        SignatureCheck.Valid => AuthOutcome.Authenticated,
        SignatureCheck.Incomplete => AuthOutcome.MissingSignature,
        SignatureCheck.StaleTimestamp => AuthOutcome.StaleSignature,
        _ => AuthOutcome.InvalidSignature,
    };

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
