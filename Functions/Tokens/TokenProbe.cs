using GitLabConnector.GitLab;

namespace GitLabConnector.Tokens;

/// <summary>What GitLab said about a token.</summary>
public enum TokenProbeOutcome
{
    /// <summary>GitLab answered: <see cref="TokenProbeResult.Info"/> and <see cref="TokenProbeResult.Kind"/> are set.</summary>
    Valid,

    /// <summary>GitLab answered 401: the token is invalid, expired or revoked.</summary>
    Unauthorized,

    /// <summary>No token in the secret store.</summary>
    Missing,

    /// <summary>GitLab could not be asked (network, timeout, 5xx, 429) — nothing is concluded about the token.</summary>
    Unavailable,
}

public sealed record TokenProbeResult(TokenProbeOutcome Outcome, GitLabTokenInfo? Info = null, GitLabTokenKindDetection? Kind = null, string? Error = null);

/// <summary>
/// Asks GitLab about a token: <c>GET /personal_access_tokens/self</c> (id, scopes, expiry, active, revoked) and
/// <c>GET /user</c> (kind). Both are reads, safe to repeat.
/// </summary>
public sealed class TokenProbe(IGitLabApi gitLab)
{
    public async Task<TokenProbeResult> ProbeAsync(GitLabConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var info = await gitLab.GetTokenSelfAsync(connection, cancellationToken).ConfigureAwait(false);
            var user = await gitLab.GetCurrentUserAsync(connection, cancellationToken).ConfigureAwait(false);
            return new TokenProbeResult(TokenProbeOutcome.Valid, info, GitLabTokenKindDetector.Detect(user));
        }
        catch (GitLabUnauthorizedException)
        {
            return new TokenProbeResult(TokenProbeOutcome.Unauthorized, Error: "GitLab answered 401");
        }
        catch (GitLabApiException e)
        {
            // 403/404 on these reads mean an old GitLab or a proxy in the way, not a verdict on the token.
            return new TokenProbeResult(TokenProbeOutcome.Unavailable, Error: e is GitLabUntrustedCertificateException ? e.Message : $"GitLab answered {e.Status}");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new TokenProbeResult(TokenProbeOutcome.Unavailable, Error: e.GetType().Name);
        }
    }
}
