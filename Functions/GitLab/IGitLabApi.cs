using System.Text.Json;

namespace GitLabConnector.GitLab;

/// <summary>
/// The GitLab REST calls the connector makes. Reads return GitLab's JSON as-is (<see cref="JsonElement"/>), so enrichers
/// read exactly the fields they use and tolerate fields GitLab adds; paged reads stop at <c>maxItems</c>. Errors (callers
/// catch by them): 401 raises <see cref="GitLabUnauthorizedException"/>, 403/404/other 4xx a <see cref="GitLabApiException"/>
/// with its <see cref="GitLabApiException.Status"/>; transient 429/5xx/timeouts are retried inside the client and, once
/// retries run out, surface with <see cref="GitLabApiException.IsTransient"/>.
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

    Task<IReadOnlyList<JsonElement>> GetPipelineJobsAsync(GitLabConnection connection, long projectId, long pipelineId, string? scope, int maxItems, CancellationToken cancellationToken);

    Task<JsonElement> GetIssueAsync(GitLabConnection connection, long projectId, long iid, CancellationToken cancellationToken);

    /// <summary><c>GET /users/:id</c> (separately budgeted: 300 per 10 minutes on GitLab.com).</summary>
    Task<JsonElement> GetUserAsync(GitLabConnection connection, long userId, CancellationToken cancellationToken);

    Task<JsonElement> GetProjectAsync(GitLabConnection connection, long projectId, CancellationToken cancellationToken);

    /// <summary>One page (<c>per_page=100</c>) of a list such as <c>projects/5/merge_requests?updated_after=…</c>, and the next page's number.</summary>
    Task<GitLabPage> GetPageAsync(GitLabConnection connection, string resource, int page, CancellationToken cancellationToken);

    // Token and identity.

    Task<GitLabUser> GetCurrentUserAsync(GitLabConnection connection, CancellationToken cancellationToken);

    /// <summary><c>GET /personal_access_tokens/self</c>; works for personal, project and group access tokens.</summary>
    Task<GitLabTokenInfo> GetTokenSelfAsync(GitLabConnection connection, CancellationToken cancellationToken);

    /// <summary>Never retried inside the client: GitLab revokes the old token at once, and rotating a revoked token revokes the whole family.</summary>
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

/// <summary>Which GitLab (its root, possibly with a sub-path), with which token, trusting which private CA (PEM; null: the public roots).</summary>
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
/// <param name="status">HTTP status, or 0 when GitLab could not be reached / timed out.</param>
public class GitLabApiException(int status, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public int Status { get; } = status;

    /// <summary>On a 429: the earliest time GitLab allows the next request, when it said so.</summary>
    public DateTimeOffset? RetryNotBefore { get; init; }

    /// <summary>429, 5xx, 0 (network/timeout): worth retrying later.</summary>
    public virtual bool IsTransient => Status is 0 or 408 or 429 or >= 500;

    /// <summary>404 (gone or hidden) or 403 (forbidden / insufficient scope): record as partial, do not retry.</summary>
    public bool IsGoneOrForbidden => Status is 403 or 404;
}

/// <summary>401: the token is invalid, expired or revoked.</summary>
public sealed class GitLabUnauthorizedException(string message = "GitLab answered 401 Unauthorized: the token is invalid, expired or revoked")
    : GitLabApiException(401, message);
