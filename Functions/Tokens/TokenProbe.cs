using GitLabConnector.GitLab;

namespace GitLabConnector.Tokens;

public enum TokenProbeOutcome
{
    Valid,

    /// <summary>GitLab answered 401: invalid, expired or revoked.</summary>
    Unauthorized,

    /// <summary>No token in the secret store.</summary>
    Missing,

    /// <summary>GitLab could not be asked (network, timeout, 5xx, 429): nothing is concluded.</summary>
    Unavailable,
}

public sealed record TokenProbeResult(TokenProbeOutcome Outcome, GitLabTokenInfo? Info = null, GitLabTokenKindDetection? Kind = null, string? Error = null);

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
