using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using static System.FormattableString;

namespace GitLabConnector.GitLab;

internal sealed class GitLabClient(GitLabRequestSender sender, ILogger<GitLabClient> logger) : IGitLabApi
{
    public Task<JsonElement> GetMergeRequestAsync(GitLabConnection connection, long projectId, long iid, CancellationToken cancellationToken) =>
        GetElementAsync(connection, Invariant($"projects/{projectId}/merge_requests/{iid}"), cancellationToken);

    public Task<JsonElement> GetMergeRequestApprovalsAsync(GitLabConnection connection, long projectId, long iid, CancellationToken cancellationToken) =>
        GetElementAsync(connection, Invariant($"projects/{projectId}/merge_requests/{iid}/approvals"), cancellationToken);

    public Task<IReadOnlyList<JsonElement>> GetMergeRequestDiscussionsAsync(GitLabConnection connection, long projectId, long iid, int maxItems, CancellationToken cancellationToken) =>
        GetPagedAsync(connection, Invariant($"projects/{projectId}/merge_requests/{iid}/discussions"), maxItems, cancellationToken);

    public Task<IReadOnlyList<JsonElement>> GetMergeRequestCommitsAsync(GitLabConnection connection, long projectId, long iid, int maxItems, CancellationToken cancellationToken) =>
        GetPagedAsync(connection, Invariant($"projects/{projectId}/merge_requests/{iid}/commits"), maxItems, cancellationToken);

    public Task<JsonElement> GetCommitAsync(GitLabConnection connection, long projectId, string sha, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha);
        return GetElementAsync(connection, Invariant($"projects/{projectId}/repository/commits/{Uri.EscapeDataString(sha)}?stats=true"), cancellationToken);
    }

    public Task<JsonElement> GetPipelineAsync(GitLabConnection connection, long projectId, long pipelineId, CancellationToken cancellationToken) =>
        GetElementAsync(connection, Invariant($"projects/{projectId}/pipelines/{pipelineId}"), cancellationToken);

    public Task<IReadOnlyList<JsonElement>> GetPipelineJobsAsync(
        GitLabConnection connection, long projectId, long pipelineId, string? scope, int maxItems, CancellationToken cancellationToken)
    {
        var jobs = Invariant($"projects/{projectId}/pipelines/{pipelineId}/jobs");
        var resource = string.IsNullOrWhiteSpace(scope) ? jobs : jobs + "?scope[]=" + Uri.EscapeDataString(scope);
        return GetPagedAsync(connection, resource, maxItems, cancellationToken);
    }

    public Task<JsonElement> GetIssueAsync(GitLabConnection connection, long projectId, long iid, CancellationToken cancellationToken) =>
        GetElementAsync(connection, Invariant($"projects/{projectId}/issues/{iid}"), cancellationToken);

    public Task<JsonElement> GetUserAsync(GitLabConnection connection, long userId, CancellationToken cancellationToken) =>
        GetElementAsync(connection, Invariant($"users/{userId}"), cancellationToken, isUserLookup: true);

    public Task<JsonElement> GetProjectAsync(GitLabConnection connection, long projectId, CancellationToken cancellationToken) =>
        GetElementAsync(connection, Invariant($"projects/{projectId}"), cancellationToken);

    public async Task<GitLabPage> GetPageAsync(GitLabConnection connection, string resource, int page, CancellationToken cancellationToken)
    {
        var uri = GitLabPagination.Page(GitLabPagination.FirstPage(ApiUri(connection, resource)), page);
        var (items, next) = await GetArrayAsync(connection, uri, static e => e.Clone(), cancellationToken).ConfigureAwait(false);
        return new GitLabPage(items, GitLabPagination.PageNumber(next));
    }

    public Task<GitLabUser> GetCurrentUserAsync(GitLabConnection connection, CancellationToken cancellationToken) =>
        SendTypedAsync(connection, new GitLabRequest(HttpMethod.Get, ApiUri(connection, "user")), GitLabJsonContext.Default.GitLabUser, cancellationToken);

    public Task<GitLabTokenInfo> GetTokenSelfAsync(GitLabConnection connection, CancellationToken cancellationToken) =>
        SendTypedAsync(connection, new GitLabRequest(HttpMethod.Get, ApiUri(connection, "personal_access_tokens/self")), GitLabJsonContext.Default.GitLabTokenInfo, cancellationToken);

    public async Task<GitLabRotatedToken> RotateTokenSelfAsync(GitLabConnection connection, GitLabTokenKind kind, long? resourceId, DateOnly expiresAt, CancellationToken cancellationToken)
    {
        var path = kind switch
        {
            GitLabTokenKind.Personal => "personal_access_tokens/self/rotate",
            GitLabTokenKind.Project => Invariant($"projects/{RequireResourceId(kind, resourceId)}/access_tokens/self/rotate"),
            GitLabTokenKind.Group => Invariant($"groups/{RequireResourceId(kind, resourceId)}/access_tokens/self/rotate"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown token kind"),
        };
        var body = new JsonObject { ["expires_at"] = expiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

        // Never retried: GitLab revokes the old token at once, and rotating a revoked token revokes the whole family.
        var request = new GitLabRequest(HttpMethod.Post, ApiUri(connection, path), body, Retry: false);
        var rotated = await SendTypedAsync(connection, request, GitLabJsonContext.Default.GitLabRotatedToken, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(rotated.Token))
        {
            throw new GitLabApiException(200, "GitLab rotated the token but returned no new token value");
        }

        GitLabLog.TokenRotated(logger, kind, connection.ConnectionId, rotated.Id, rotated.ExpiresAt);
        return rotated;
    }

    public Task<GitLabHook> CreateHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, GitLabHookRequest hook, CancellationToken cancellationToken) =>
        SaveHookAsync(connection, HttpMethod.Post, owner, ownerId, HooksPath(owner, ownerId), hook, "Created", cancellationToken);

    public Task<GitLabHook> UpdateHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, GitLabHookRequest hook, CancellationToken cancellationToken) =>
        SaveHookAsync(connection, HttpMethod.Put, owner, ownerId, HooksPath(owner, ownerId) + Invariant($"/{hookId}"), hook, "Updated", cancellationToken);

    public async Task DeleteHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(connection, new GitLabRequest(HttpMethod.Delete, ApiUri(connection, HooksPath(owner, ownerId) + Invariant($"/{hookId}"))), cancellationToken).ConfigureAwait(false);
            GitLabLog.HookChanged(logger, "Deleted", owner, hookId, ownerId, connection.ConnectionId);
        }
        catch (GitLabApiException ex) when (ex.Status == 404)
        {
            // Already gone: deleting is idempotent for the caller.
        }
    }

    public Task<IReadOnlyList<JsonElement>> ListHooksAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, int maxItems, CancellationToken cancellationToken) =>
        GetPagedAsync(connection, HooksPath(owner, ownerId), maxItems, cancellationToken);

    public Task<JsonElement> GetHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, CancellationToken cancellationToken) =>
        GetElementAsync(connection, HooksPath(owner, ownerId) + Invariant($"/{hookId}"), cancellationToken);

    public Task TestHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, string trigger, CancellationToken cancellationToken) =>
        sender.SendAsync(connection, new GitLabRequest(HttpMethod.Post, ApiUri(connection, HooksPath(owner, ownerId) + Invariant($"/{hookId}/test/{Uri.EscapeDataString(trigger)}")), Retry: false), cancellationToken);

    public async IAsyncEnumerable<GitLabHookEvent> ListHookEventsAsync(
        GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Each delivery carries its request and response bodies: small pages, each dropped once read.
        Uri? next = ApiUri(connection, HooksPath(owner, ownerId) + Invariant($"/{hookId}/events?per_page=20"));
        while (next is not null)
        {
            (var page, next) = await GetArrayAsync(connection, next, HookEvent, cancellationToken).ConfigureAwait(false);
            foreach (var e in page)
            {
                yield return e;
            }
        }
    }

    public Task ResendHookEventAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, long hookEventId, CancellationToken cancellationToken) =>
        sender.SendAsync(connection, new GitLabRequest(HttpMethod.Post, ApiUri(connection, HooksPath(owner, ownerId) + Invariant($"/{hookId}/events/{hookEventId}/resend")), Retry: false), cancellationToken);

    public async Task<string> GetVersionAsync(GitLabConnection connection, CancellationToken cancellationToken) =>
        (await GetElementAsync(connection, "version", cancellationToken).ConfigureAwait(false)).TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()!
            : throw new GitLabApiException(200, "GitLab GET /version returned no version");

    private static GitLabHookEvent HookEvent(JsonElement e) => new(
        e.GetProperty("id").GetInt64(),
        e.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null,
        e.TryGetProperty("response_status", out var status) ? (status.ValueKind == JsonValueKind.String ? status.GetString() : status.GetRawText()) : null,
        e.TryGetProperty("request_headers", out var headers) && headers.ValueKind == JsonValueKind.Object
            && headers.TryGetProperty("Idempotency-Key", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null);

    private async Task<GitLabHook> SaveHookAsync(
        GitLabConnection connection, HttpMethod method, GitLabHookOwner owner, long ownerId, string path, GitLabHookRequest hook, string action, CancellationToken cancellationToken)
    {
        var request = new GitLabRequest(method, ApiUri(connection, path), GitLabHookBody.Build(owner, hook));
        var saved = await SendTypedAsync(connection, request, GitLabJsonContext.Default.GitLabHook, cancellationToken).ConfigureAwait(false);
        GitLabLog.HookChanged(logger, action, owner, saved.Id, ownerId, connection.ConnectionId);
        return saved;
    }

    private static string HooksPath(GitLabHookOwner owner, long ownerId) => owner switch
    {
        GitLabHookOwner.Project => Invariant($"projects/{ownerId}/hooks"),
        GitLabHookOwner.Group => Invariant($"groups/{ownerId}/hooks"),
        _ => throw new ArgumentOutOfRangeException(nameof(owner), owner, "unknown hook owner"),
    };

    private static long RequireResourceId(GitLabTokenKind kind, long? resourceId) =>
        resourceId ?? throw new ArgumentException($"a {kind} access token needs the id of its {kind.ToString().ToLowerInvariant()}", nameof(resourceId));

    private async Task<JsonElement> GetElementAsync(GitLabConnection connection, string path, CancellationToken cancellationToken, bool isUserLookup = false)
    {
        var response = await sender.SendAsync(connection, new GitLabRequest(HttpMethod.Get, ApiUri(connection, path), IsUserLookup: isUserLookup), cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.Clone();
    }

    private async Task<IReadOnlyList<JsonElement>> GetPagedAsync(GitLabConnection connection, string path, int maxItems, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        Uri? next = GitLabPagination.FirstPage(ApiUri(connection, path));
        while (next is not null && items.Count < maxItems)
        {
            (var page, next) = await GetArrayAsync(connection, next, static e => e.Clone(), cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Take(maxItems - items.Count));
        }

        return items;
    }

    private async Task<(List<T> Items, Uri? Next)> GetArrayAsync<T>(GitLabConnection connection, Uri uri, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var response = await sender.SendAsync(connection, new GitLabRequest(HttpMethod.Get, uri), cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? ([.. document.RootElement.EnumerateArray().Select(read)], GitLabPagination.NextPage(response.RequestUri, response.Headers))
            : throw new GitLabApiException(response.Status, $"GitLab GET {response.RequestUri.AbsolutePath} did not return a JSON array");
    }

    private async Task<T> SendTypedAsync<T>(GitLabConnection connection, GitLabRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var response = await sender.SendAsync(connection, request, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(response.Body, typeInfo)
                ?? throw new GitLabApiException(response.Status, $"GitLab {request.Method.Method} {response.RequestUri.AbsolutePath} returned an empty body");
        }
        catch (JsonException ex)
        {
            throw new GitLabApiException(response.Status, $"GitLab {request.Method.Method} {response.RequestUri.AbsolutePath} returned unexpected JSON", ex);
        }
    }

    private static Uri ApiUri(GitLabConnection connection, string path) => GitLabApiUri.For(connection.BaseUrl, path);
}
