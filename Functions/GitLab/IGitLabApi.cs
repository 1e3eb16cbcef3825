using System.Text.Json;

namespace GitLabConnector.GitLab;

/// <summary>
/// The GitLab REST calls the connector makes. Resource reads return the GitLab JSON object as-is
/// (<see cref="JsonElement"/>) so enrichers read exactly the fields they use and tolerate fields GitLab adds.
/// Paged reads follow <c>x-next-page</c>/<c>Link</c> with <c>per_page=100</c> up to <paramref name="maxItems"/>.
/// Errors: <see cref="GitLabUnauthorizedException"/> (401), <see cref="GitLabApiException"/> with
/// <see cref="GitLabApiException.Status"/> 403/404/4xx; transient 429/5xx/timeouts are retried inside the client
/// and surface as <see cref="GitLabApiException"/> with <see cref="GitLabApiException.IsTransient"/> when retries run out.
/// </summary>
public interface IGitLabApi
{
    // Resources used by enrichment.
    Task<JsonElement> GetMergeRequestAsync(GitLabConnection connection, long projectId, long iid, CancellationToken cancellationToken);

    Task<JsonElement> GetMergeRequestApprovalsAsync(GitLabConnection connection, long projectId, long iid, CancellationToken cancellationToken);

    Task<IReadOnlyList<JsonElement>> GetMergeRequestDiscussionsAsync(GitLabConnection connection, long projectId, long iid, int maxItems, CancellationToken cancellationToken);

    Task<IReadOnlyList<JsonElement>> GetMergeRequestCommitsAsync(GitLabConnection connection, long projectId, long iid, int maxItems, CancellationToken cancellationToken);

    /// <summary><c>GET /projects/:id/repository/commits/:sha</c> (includes <c>stats</c>).</summary>
    Task<JsonElement> GetCommitAsync(GitLabConnection connection, long projectId, string sha, CancellationToken cancellationToken);

    Task<JsonElement> GetPipelineAsync(GitLabConnection connection, long projectId, long pipelineId, CancellationToken cancellationToken);

    /// <summary><c>GET /projects/:id/pipelines/:pipeline_id/jobs?scope[]=...</c>.</summary>
    Task<IReadOnlyList<JsonElement>> GetPipelineJobsAsync(GitLabConnection connection, long projectId, long pipelineId, string? scope, int maxItems, CancellationToken cancellationToken);

    Task<JsonElement> GetIssueAsync(GitLabConnection connection, long projectId, long iid, CancellationToken cancellationToken);

    /// <summary><c>GET /users/:id</c> (separately budgeted: 300 per 10 minutes on GitLab.com).</summary>
    Task<JsonElement> GetUserAsync(GitLabConnection connection, long userId, CancellationToken cancellationToken);

    Task<JsonElement> GetProjectAsync(GitLabConnection connection, long projectId, CancellationToken cancellationToken);

    /// <summary>
    /// One page (<c>per_page=100</c>) of a list such as <c>projects/5/merge_requests?updated_after=…</c>, and the number of
    /// the next page (from <c>Link</c> or <c>x-next-page</c>; null on the last).
    /// </summary>
    Task<GitLabPage> GetPageAsync(GitLabConnection connection, string resource, int page, CancellationToken cancellationToken);

    // Token and identity.

    /// <summary><c>GET /user</c>: the token's own user.</summary>
    Task<GitLabUser> GetCurrentUserAsync(GitLabConnection connection, CancellationToken cancellationToken);

    /// <summary><c>GET /personal_access_tokens/self</c>; works for personal, project and group access tokens.</summary>
    Task<GitLabTokenInfo> GetTokenSelfAsync(GitLabConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Rotates the calling token with the endpoint for its kind. Never retried inside the client: GitLab revokes the
    /// old token immediately and a second rotate of a revoked token revokes the whole token family.
    /// </summary>
    Task<GitLabRotatedToken> RotateTokenSelfAsync(GitLabConnection connection, GitLabTokenKind kind, long? resourceId, DateOnly expiresAt, CancellationToken cancellationToken);

    // Webhook management (needs the api scope).
    Task<GitLabHook> CreateHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, GitLabHookRequest hook, CancellationToken cancellationToken);

    Task<GitLabHook> UpdateHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, GitLabHookRequest hook, CancellationToken cancellationToken);

    /// <summary>A hook that is already gone is not an error.</summary>
    Task DeleteHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, CancellationToken cancellationToken);

    /// <summary><c>GET /projects/:id/hooks</c> (or the group's): each hook with its event flags, <c>alert_status</c> and <c>disabled_until</c>.</summary>
    Task<IReadOnlyList<JsonElement>> ListHooksAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, int maxItems, CancellationToken cancellationToken);

    Task<JsonElement> GetHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, CancellationToken cancellationToken);

    /// <summary><c>POST …/hooks/:hook_id/test/:trigger</c>: a 2xx delivery re-enables a disabled hook.</summary>
    Task TestHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, string trigger, CancellationToken cancellationToken);

    /// <summary><c>GET …/hooks/:hook_id/events</c> (17.3+): the hook's recent deliveries, newest first, a small page at a time (bodies dropped).</summary>
    IAsyncEnumerable<GitLabHookEvent> ListHookEventsAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, CancellationToken cancellationToken);

    /// <summary><c>POST …/hooks/:hook_id/events/:hook_event_id/resend</c> (17.4+); never retried inside the client (GitLab allows 5 a minute).</summary>
    Task ResendHookEventAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, long hookEventId, CancellationToken cancellationToken);


    /// <summary><c>GET /version</c>: e.g. <c>17.4.2-ee</c>.</summary>
    Task<string> GetVersionAsync(GitLabConnection connection, CancellationToken cancellationToken);
}

/// <summary>
/// Which GitLab, with which token, trusting which private CA (PEM; null: the public roots). <see cref="BaseUrl"/> is the
/// instance root, possibly with a sub-path (<c>https://host/gitlab</c>).
/// </summary>
public sealed record GitLabConnection(string ConnectionId, Uri BaseUrl, string Token, string? CaCertificate = null)
{
    /// <summary>Background work (a sync): it takes the connection's budget only when no other call waits, and leaves a reserve.</summary>
    public bool Background { get; init; }

    public override string ToString() => $"GitLabConnection {{ ConnectionId = {ConnectionId}, BaseUrl = {BaseUrl} }}";
}

public sealed record GitLabPage(IReadOnlyList<JsonElement> Items, int? NextPage);

public enum GitLabTokenKind
{
    Personal,
    Project,
    Group,
}

public enum GitLabHookOwner
{
    Project,
    Group,
}

public sealed record GitLabUser(long Id, string Username, string? Name, string? Email, bool Bot, string? WebUrl);

public sealed record GitLabTokenInfo(long Id, string Name, IReadOnlyList<string> Scopes, DateOnly? ExpiresAt, bool Active, bool Revoked, long UserId, DateTimeOffset? LastUsedAt);

public sealed record GitLabRotatedToken(long Id, string Token, DateOnly? ExpiresAt, IReadOnlyList<string> Scopes)
{
    public override string ToString() => $"GitLabRotatedToken {{ Id = {Id}, ExpiresAt = {ExpiresAt} }}";
}

/// <summary>Hook settings: URL, secret token, optional Standard Webhooks signing token, events (GitLab's <c>*_events</c> flags).</summary>
public sealed record GitLabHookRequest(Uri Url, string SecretToken, string? SigningToken, IReadOnlyList<string> EventFlags, bool EnableSslVerification = true)
{
    public override string ToString() => $"GitLabHookRequest {{ Url = {Url}, Events = {string.Join(',', EventFlags)} }}";
}

public sealed record GitLabHook(long Id, Uri Url);

/// <summary>A delivery in a hook's log: <paramref name="ResponseStatus"/> is the HTTP status, or <c>internal error</c> for a timeout or network error.</summary>
public sealed record GitLabHookEvent(long Id, string? Url, string? ResponseStatus, string? IdempotencyKey);

/// <summary>A GitLab API failure. Never carries the token.</summary>
public class GitLabApiException : Exception
{
    public GitLabApiException()
    {
    }

    public GitLabApiException(string message)
        : base(message)
    {
    }

    public GitLabApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GitLabApiException(int status, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    /// <summary>HTTP status, or 0 when GitLab could not be reached / timed out.</summary>
    public int Status { get; }

    /// <summary>On a 429: the earliest time GitLab allows the next request, when it said so.</summary>
    public DateTimeOffset? RetryNotBefore { get; init; }

    /// <summary>429, 5xx, 0 (network/timeout): worth retrying later.</summary>
    public virtual bool IsTransient => Status is 0 or 408 or 429 or >= 500;

    /// <summary>404 (gone or hidden) or 403 (forbidden / insufficient scope): record as partial, do not retry.</summary>
    public bool IsGoneOrForbidden => Status is 403 or 404;
}

/// <summary>401: the token is invalid, expired or revoked.</summary>
public sealed class GitLabUnauthorizedException : GitLabApiException
{
    public GitLabUnauthorizedException()
        : base(401, "GitLab answered 401 Unauthorized: the token is invalid, expired or revoked")
    {
    }

    public GitLabUnauthorizedException(string message)
        : base(401, message)
    {
    }

    public GitLabUnauthorizedException(string message, Exception innerException)
        : base(401, message, innerException)
    {
    }
}
