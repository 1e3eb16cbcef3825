using System.Globalization;
using System.Text.Json.Nodes;
using GitLabConnector.GitLab;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>
/// In-memory GitLab data, settable from tests. Resources are stored as JSON under their API path
/// (relative to <c>/api/v4</c>), so tests put in exactly the fields they care about.
/// </summary>
public sealed class FakeGitLabState
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakeGitLabToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<long, FakeGitLabHook>> _hooks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _redirects = new(StringComparer.Ordinal);
    private long _nextTokenId = 1000;

    /// <summary>Largest page any list serves (GitLab's 100); tests set 2 to prove every page is read.</summary>
    public int MaxPerPage { get; set; } = 100;

    /// <summary>What <c>GET /version</c> answers.</summary>
    public string Version { get; set; } = "17.6.0-ee";

    public FakeGitLabHookHealth HookHealth { get; } = new();
    private long _nextHookId = 1;

    public FakeGitLabToken AddPersonalToken(string value, long userId = 1, string username = "alice", DateOnly? expiresAt = null, params string[] scopes)
    {
        AddUserIfMissing(userId, username, bot: false);
        return AddToken(value, userId, GitLabTokenKind.Personal, null, expiresAt, scopes);
    }

    /// <summary>Adds a project access token and its bot user <c>project_{projectId}_bot_...</c>.</summary>
    public FakeGitLabToken AddProjectToken(string value, long projectId, long botUserId = 9001, DateOnly? expiresAt = null, params string[] scopes)
    {
        AddUserIfMissing(botUserId, Invariant($"project_{projectId}_bot_{botUserId}"), bot: true);
        return AddToken(value, botUserId, GitLabTokenKind.Project, projectId, expiresAt, scopes);
    }

    /// <summary>Adds a group access token and its bot user <c>group_{groupId}_bot_...</c>.</summary>
    public FakeGitLabToken AddGroupToken(string value, long groupId, long botUserId = 9002, DateOnly? expiresAt = null, params string[] scopes)
    {
        AddUserIfMissing(botUserId, Invariant($"group_{groupId}_bot_{botUserId}"), bot: true);
        return AddToken(value, botUserId, GitLabTokenKind.Group, groupId, expiresAt, scopes);
    }

    public FakeGitLabToken? FindToken(string? value)
    {
        lock (_lock)
        {
            return value is not null && _tokens.TryGetValue(value, out var token) ? token : null;
        }
    }

    public IReadOnlyList<FakeGitLabToken> Tokens
    {
        get
        {
            lock (_lock)
            {
                return [.. _tokens.Values.OrderBy(t => t.Id)];
            }
        }
    }

    public void AddUser(long id, string username, bool bot = false, JsonObject? extra = null)
    {
        var user = extra?.DeepClone().AsObject() ?? [];
        user["id"] = id;
        user["username"] = username;
        user["name"] ??= username;
        user["bot"] = bot;
        user["web_url"] ??= "https://gitlab.example.com/" + username;
        SetResource(Invariant($"/users/{id}"), user);
    }

    public void AddProject(long id, JsonObject? json = null) =>
        SetResource(Invariant($"/projects/{id}"), With(json, ("id", id), ("path_with_namespace", Invariant($"group/project-{id}"))));

    public void AddMergeRequest(long projectId, long iid, JsonObject? json = null) =>
        SetResource(Invariant($"/projects/{projectId}/merge_requests/{iid}"), With(json, ("iid", iid), ("project_id", projectId), ("id", (projectId * 1000) + iid)));

    public void SetMergeRequestApprovals(long projectId, long iid, JsonObject approvals) =>
        SetResource(Invariant($"/projects/{projectId}/merge_requests/{iid}/approvals"), approvals);

    public void SetMergeRequestDiscussions(long projectId, long iid, IEnumerable<JsonObject> discussions) =>
        SetList(Invariant($"/projects/{projectId}/merge_requests/{iid}/discussions"), discussions);

    public void SetMergeRequestCommits(long projectId, long iid, IEnumerable<JsonObject> commits) =>
        SetList(Invariant($"/projects/{projectId}/merge_requests/{iid}/commits"), commits);

    public void AddCommit(long projectId, string sha, int additions = 1, int deletions = 0, JsonObject? json = null) =>
        SetResource(Invariant($"/projects/{projectId}/repository/commits/{sha}"), With(json, ("id", sha), ("short_id", sha[..Math.Min(8, sha.Length)]))
            .Also(c => c["stats"] ??= new JsonObject { ["additions"] = additions, ["deletions"] = deletions, ["total"] = additions + deletions }));

    public void AddPipeline(long projectId, long pipelineId, JsonObject? json = null) =>
        SetResource(Invariant($"/projects/{projectId}/pipelines/{pipelineId}"), With(json, ("id", pipelineId), ("project_id", projectId), ("status", "success")));

    /// <summary>Jobs are filtered by their <c>status</c> against <c>scope[]</c>.</summary>
    public void SetPipelineJobs(long projectId, long pipelineId, IEnumerable<JsonObject> jobs) =>
        SetList(Invariant($"/projects/{projectId}/pipelines/{pipelineId}/jobs"), jobs);

    public void AddIssue(long projectId, long iid, JsonObject? json = null) =>
        SetResource(Invariant($"/projects/{projectId}/issues/{iid}"), With(json, ("iid", iid), ("project_id", projectId)));

    /// <summary>Sets any object at an API path such as <c>/projects/5</c>.</summary>
    public void SetResource(string path, JsonObject json)
    {
        lock (_lock)
        {
            _resources[path] = json;
        }
    }

    public void SetList(string path, IEnumerable<JsonObject> items)
    {
        lock (_lock)
        {
            _lists[path] = [.. items];
        }
    }

    /// <summary>Answers GETs of <paramref name="path"/> with 301 to <paramref name="location"/> (a moved project).</summary>
    public void AddRedirect(string path, string location)
    {
        lock (_lock)
        {
            _redirects[path] = location;
        }
    }

    internal string? RedirectFor(string path)
    {
        lock (_lock)
        {
            return _redirects.TryGetValue(path, out var location) ? location : null;
        }
    }

    /// <summary>Hooks created on a project or group, by id.</summary>
    public IReadOnlyList<FakeGitLabHook> Hooks(GitLabHookOwner owner, long ownerId)
    {
        lock (_lock)
        {
            return _hooks.TryGetValue(HookKey(owner, ownerId), out var hooks) ? [.. hooks.Values] : [];
        }
    }

    /// <summary>Every project set with <see cref="AddProject"/>, by id.</summary>
    internal IEnumerable<JsonObject> Projects()
    {
        lock (_lock)
        {
            return [.. _resources.Where(r => r.Key.StartsWith("/projects/", StringComparison.Ordinal) && long.TryParse(r.Key["/projects/".Length..], out _))
                .Select(r => r.Value.DeepClone().AsObject())
                .OrderBy(p => p["id"]!.GetValue<long>())];
        }
    }

    internal JsonObject? Resource(string path)
    {
        lock (_lock)
        {
            return _resources.TryGetValue(path, out var json) ? json.DeepClone().AsObject() : null;
        }
    }

    internal List<JsonObject>? List(string path)
    {
        lock (_lock)
        {
            return _lists.TryGetValue(path, out var list) ? [.. list.Select(i => i.DeepClone().AsObject())] : null;
        }
    }

    internal FakeGitLabHook SaveHook(GitLabHookOwner owner, long ownerId, long? hookId, JsonObject requestBody)
    {
        lock (_lock)
        {
            var key = HookKey(owner, ownerId);
            if (!_hooks.TryGetValue(key, out var hooks))
            {
                _hooks[key] = hooks = [];
            }

            var id = hookId ?? _nextHookId++;
            var hook = new FakeGitLabHook(id, owner, ownerId, requestBody.DeepClone().AsObject());
            hooks[id] = hook;
            return hook;
        }
    }

    internal bool HookExists(GitLabHookOwner owner, long ownerId, long hookId)
    {
        lock (_lock)
        {
            return _hooks.TryGetValue(HookKey(owner, ownerId), out var hooks) && hooks.ContainsKey(hookId);
        }
    }

    internal bool RemoveHook(GitLabHookOwner owner, long ownerId, long hookId)
    {
        lock (_lock)
        {
            return _hooks.TryGetValue(HookKey(owner, ownerId), out var hooks) && hooks.Remove(hookId);
        }
    }

    /// <summary>GitLab's rotation: revoke the old token, issue a new one in the same family.</summary>
    internal FakeGitLabToken Rotate(FakeGitLabToken old, DateOnly expiresAt)
    {
        lock (_lock)
        {
            old.Revoked = true;
            var rotated = new FakeGitLabToken
            {
                Id = _nextTokenId++,
                Value = "glpat-" + Guid.NewGuid().ToString("N")[..20],
                UserId = old.UserId,
                Kind = old.Kind,
                ResourceId = old.ResourceId,
                Name = old.Name,
                Scopes = old.Scopes,
                ExpiresAt = expiresAt,
                FamilyId = old.FamilyId,
            };
            _tokens[rotated.Value] = rotated;
            return rotated;
        }
    }

    /// <summary>Reuse detection: a revoked token was used to rotate, so every token of its family is revoked.</summary>
    internal void RevokeFamily(long familyId)
    {
        lock (_lock)
        {
            foreach (var token in _tokens.Values.Where(t => t.FamilyId == familyId))
            {
                token.Revoked = true;
            }
        }
    }

    private FakeGitLabToken AddToken(string value, long userId, GitLabTokenKind kind, long? resourceId, DateOnly? expiresAt, string[] scopes)
    {
        lock (_lock)
        {
            var id = _nextTokenId++;
            var token = new FakeGitLabToken
            {
                Id = id,
                Value = value,
                UserId = userId,
                Kind = kind,
                ResourceId = resourceId,
                ExpiresAt = expiresAt ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30),
                Scopes = scopes.Length == 0 ? ["api"] : scopes,
                FamilyId = id,
            };
            _tokens[value] = token;
            return token;
        }
    }

    private void AddUserIfMissing(long id, string username, bool bot)
    {
        if (Resource(Invariant($"/users/{id}")) is null)
        {
            AddUser(id, username, bot);
        }
    }

    private static JsonObject With(JsonObject? json, params (string Name, JsonNode? Value)[] defaults)
    {
        var result = json?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in defaults)
        {
            result[name] ??= value;
        }

        return result;
    }

    private static string HookKey(GitLabHookOwner owner, long ownerId) => Invariant($"{owner}/{ownerId}");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A hook as the fake stored it: the last create/update body exactly as the client sent it.</summary>
public sealed record FakeGitLabHook(long Id, GitLabHookOwner Owner, long OwnerId, JsonObject RequestBody);

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject json, Action<JsonObject> change)
    {
        change(json);
        return json;
    }
}
