using GitLabConnector.GitLab;

namespace GitLabConnector.Admin;

/// <summary>Checks a GitLab token against its instance: who it is (<c>GET /user</c>) and what it may do (<c>GET /personal_access_tokens/self</c>).</summary>
public sealed class GitLabTokenValidator(IGitLabApi gitLab, TimeProvider time)
{
    private static readonly string[] ExcessScopes = ["sudo", "admin_mode", "write_repository", "write_registry", "write_package_registry", "create_runner", "manage_runner"];

    public async Task<TokenValidation> ValidateAsync(GitLabConnection connection, bool needsApiScope, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        GitLabUser user;
        GitLabTokenInfo info;
        try
        {
            user = await gitLab.GetCurrentUserAsync(connection, cancellationToken).ConfigureAwait(false);
            info = await gitLab.GetTokenSelfAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Failure(e, cancellationToken) is { } failedValidation)
        {
            return failedValidation;
        }

        var result = new TokenValidation { User = user, Token = info, Kind = GitLabTokenKindDetector.Detect(user).Kind, Latency = time.GetElapsedTime(started) };
        if (info.Revoked || !info.Active)
        {
            return result with { Failure = TokenFailure.Unusable, Error = "The token is revoked or inactive." };
        }

        if (info.ExpiresAt is { } expires && expires <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            return result with { Failure = TokenFailure.Unusable, Error = $"The token expired on {expires:yyyy-MM-dd}." };
        }

        var scopes = new HashSet<string>(info.Scopes, StringComparer.Ordinal);
        if (!scopes.Contains("read_api") && !scopes.Contains("api"))
        {
            return result with { Failure = TokenFailure.InsufficientScope, Error = "The token needs the read_api scope (or api, to create webhooks)." };
        }

        if (needsApiScope && !scopes.Contains("api"))
        {
            return result with { Failure = TokenFailure.InsufficientScope, Error = "Creating or updating webhooks needs a token with the api scope; read_api cannot manage hooks. Use an api token or create the webhooks by hand (see instructions)." };
        }

        string[] warnings =
        [
            .. scopes.Contains("api") && !needsApiScope ? ["The token has the api scope; read_api is enough unless the connector creates webhooks."] : Array.Empty<string>(),
            .. ExcessScopes.Where(scopes.Contains).Select(excess => $"The token has the {excess} scope, which the connector never needs."),
            .. info.ExpiresAt is null ? ["The token has no expiry date."] : Array.Empty<string>(),
        ];
        return result with { Warnings = warnings };
    }

    private static TokenValidation? Failure(Exception e, CancellationToken cancellationToken) => e switch
    {
        GitLabUntrustedCertificateException => TokenValidation.Fail(TokenFailure.Untrusted, e.Message),
        GitLabUnauthorizedException => TokenValidation.Fail(TokenFailure.Rejected, "GitLab answered 401: the token is invalid, expired or revoked, or belongs to another GitLab instance."),
        GitLabAddressRefusedException or GitLabResponseTooLargeException => TokenValidation.Fail(TokenFailure.Unusable, e.Message),
        GitLabApiException { IsTransient: true } api => TokenValidation.Fail(TokenFailure.Unreachable, api.Status == 0 ? "GitLab could not be reached." : $"GitLab answered {api.Status}; try again later."),
        GitLabApiException api => TokenValidation.Fail(TokenFailure.Unusable, $"GitLab answered {api.Status} while inspecting the token (GitLab 15.5 or later is needed for /personal_access_tokens/self)."),
        HttpRequestException => TokenValidation.Fail(TokenFailure.Unreachable, "GitLab could not be reached."),
        TaskCanceledException when !cancellationToken.IsCancellationRequested => TokenValidation.Fail(TokenFailure.Unreachable, "GitLab did not answer in time."),
        _ => null,
    };
}

public enum TokenFailure
{
    None,
    Rejected,
    Unreachable,
    Unusable,
    InsufficientScope,
    Untrusted,
}

/// <summary>What <see cref="GitLabTokenValidator"/> found. Never holds the token.</summary>
public sealed record TokenValidation
{
    public TokenFailure Failure { get; init; }
    public string? Error { get; init; }
    public GitLabUser? User { get; init; }
    public GitLabTokenInfo? Token { get; init; }
    public GitLabTokenKind Kind { get; init; }
    public TimeSpan? Latency { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool IsValid => Failure == TokenFailure.None;

    public static TokenValidation Fail(TokenFailure failure, string error) => new() { Failure = failure, Error = error };
}
