using System.Globalization;
using System.Text.Json;
using GitLabConnector.GitLab;

namespace GitLabConnector.Tests.Tokens;

/// <summary>
/// GitLab's token endpoints as GITLAB.md §5 describes them: 401 for unknown, revoked or expired tokens (tokens stop working
/// at 00:00 UTC on their expiry date), rotation revokes the old token at once, and rotating a revoked token revokes its family.
/// </summary>
public sealed class FakeGitLabTokens(TimeProvider time) : IGitLabApi
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeToken> _tokens = new(StringComparer.Ordinal);
    private long _nextId = 100;

    public sealed class FakeToken
    {
        public required long Id { get; init; }
        public required string Value { get; init; }
        public required string Username { get; init; }
        public required GitLabTokenKind Kind { get; init; }
        public long? ResourceId { get; init; }
        public required IReadOnlyList<string> Scopes { get; init; }
        public DateOnly? ExpiresAt { get; set; }
        public bool Revoked { get; set; }
        public required long Family { get; init; }
    }

    /// <summary>Answer <c>/self</c> for a revoked token with <c>revoked: true</c> instead of 401.</summary>
    public bool ReportRevokedTokens { get; set; }

    /// <summary>Thrown by the rotate call; <see cref="ApplyRotationBeforeThrowing"/> says whether GitLab rotated first.</summary>
    public Exception? RotateException { get; set; }

    public bool ApplyRotationBeforeThrowing { get; set; } = true;

    /// <summary>When set, the rotate call waits for it (to hold a rotation in flight).</summary>
    public TaskCompletionSource? RotateGate { get; set; }

    public TaskCompletionSource RotateEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<(GitLabTokenKind Kind, long? ResourceId, DateOnly ExpiresAt, string TokenUsed)> RotateCalls { get; } = [];

    /// <summary>The token each call authenticated with, in order.</summary>
    public List<string> TokensUsed { get; } = [];

    public FakeToken AddToken(string value, DateOnly? expiresAt, GitLabTokenKind kind = GitLabTokenKind.Personal, long? resourceId = null, params string[] scopes)
    {
        lock (_gate)
        {
            var id = ++_nextId;
            var token = new FakeToken
            {
                Id = id,
                Value = value,
                Kind = kind,
                ResourceId = resourceId,
                Username = kind switch
                {
                    GitLabTokenKind.Project => string.Create(CultureInfo.InvariantCulture, $"project_{resourceId}_bot_1a2b3c"),
                    GitLabTokenKind.Group => string.Create(CultureInfo.InvariantCulture, $"group_{resourceId}_bot_1a2b3c"),
                    _ => "alice",
                },
                Scopes = scopes.Length == 0 ? ["api"] : scopes,
                ExpiresAt = expiresAt,
                Family = id,
            };
            _tokens[value] = token;
            return token;
        }
    }

    public FakeToken Token(string value)
    {
        lock (_gate)
        {
            return _tokens[value];
        }
    }

    public Task<GitLabTokenInfo> GetTokenSelfAsync(GitLabConnection connection, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var token = Authenticate(connection, allowRevoked: ReportRevokedTokens);
            return Task.FromResult(new GitLabTokenInfo(token.Id, "connector", token.Scopes, token.ExpiresAt, !token.Revoked && !IsExpired(token), token.Revoked, 7, null));
        }
    }

    public Task<GitLabUser> GetCurrentUserAsync(GitLabConnection connection, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var token = Authenticate(connection, allowRevoked: ReportRevokedTokens);
            return Task.FromResult(new GitLabUser(7, token.Username, token.Username, null, token.Kind != GitLabTokenKind.Personal, null));
        }
    }

    public async Task<GitLabRotatedToken> RotateTokenSelfAsync(GitLabConnection connection, GitLabTokenKind kind, long? resourceId, DateOnly expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_gate)
        {
            RotateCalls.Add((kind, resourceId, expiresAt, connection.Token));
        }

        RotateEntered.TrySetResult();
        if (RotateGate is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }

        lock (_gate)
        {
            if (RotateException is { } early && !ApplyRotationBeforeThrowing)
            {
                throw early;
            }

            TokensUsed.Add(connection.Token);
            if (!_tokens.TryGetValue(connection.Token, out var old) || IsExpired(old))
            {
                throw new GitLabUnauthorizedException();
            }

            if (old.Revoked)
            {
                // Reuse detection: the whole family goes.
                foreach (var member in _tokens.Values.Where(t => t.Family == old.Family))
                {
                    member.Revoked = true;
                }

                throw new GitLabUnauthorizedException();
            }

            if (old.Kind != kind || old.ResourceId != resourceId)
            {
                throw new GitLabApiException(405, "wrong rotate endpoint for this token");
            }

            old.Revoked = true;
            var id = ++_nextId;
            var value = string.Create(CultureInfo.InvariantCulture, $"glpat-rotated-{id}");
            _tokens[value] = new FakeToken
            {
                Id = id,
                Value = value,
                Kind = old.Kind,
                ResourceId = old.ResourceId,
                Username = old.Username,
                Scopes = old.Scopes,
                ExpiresAt = expiresAt,
                Family = old.Family,
            };

            if (RotateException is { } late)
            {
                throw late;
            }

            return new GitLabRotatedToken(id, value, expiresAt, old.Scopes);
        }
    }

    private FakeToken Authenticate(GitLabConnection connection, bool allowRevoked)
    {
        TokensUsed.Add(connection.Token);
        if (!_tokens.TryGetValue(connection.Token, out var token) || IsExpired(token) || (token.Revoked && !allowRevoked))
        {
            throw new GitLabUnauthorizedException();
        }

        return token;
    }

    private bool IsExpired(FakeToken token) => token.ExpiresAt is { } d && d <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public Task<JsonElement> GetMergeRequestAsync(GitLabConnection connection, long projectId, long iid, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JsonElement> GetMergeRequestApprovalsAsync(GitLabConnection connection, long projectId, long iid, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JsonElement>> GetMergeRequestDiscussionsAsync(GitLabConnection connection, long projectId, long iid, int maxItems, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JsonElement>> GetMergeRequestCommitsAsync(GitLabConnection connection, long projectId, long iid, int maxItems, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JsonElement> GetCommitAsync(GitLabConnection connection, long projectId, string sha, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JsonElement> GetPipelineAsync(GitLabConnection connection, long projectId, long pipelineId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JsonElement>> GetPipelineJobsAsync(GitLabConnection connection, long projectId, long pipelineId, string? scope, int maxItems, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JsonElement> GetIssueAsync(GitLabConnection connection, long projectId, long iid, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JsonElement> GetUserAsync(GitLabConnection connection, long userId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JsonElement> GetProjectAsync(GitLabConnection connection, long projectId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<GitLabPage> GetPageAsync(GitLabConnection connection, string resource, int page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<GitLabHook> CreateHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, GitLabHookRequest hook, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<GitLabHook> UpdateHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, GitLabHookRequest hook, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JsonElement>> ListHooksAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, int maxItems, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JsonElement> GetHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task TestHookAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, string trigger, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<GitLabHookEvent> ListHookEventsAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ResendHookEventAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, long hookEventId, CancellationToken cancellationToken) => throw new NotSupportedException();


    public Task<string> GetVersionAsync(GitLabConnection connection, CancellationToken cancellationToken) => throw new NotSupportedException();
}
