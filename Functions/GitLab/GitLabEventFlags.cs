using System.Collections.Frozen;

namespace GitLabConnector.GitLab;

/// <summary>
/// Maps <c>X-Gitlab-Event</c> names ("Merge Request Hook") to the hook API's event flags ("merge_requests_events")
/// and back. Flags GitLab only offers on group hooks are listed in <see cref="GroupOnly"/>.
/// </summary>
public static class GitLabEventFlags
{
    public const string Push = "push_events";
    public const string TagPush = "tag_push_events";
    public const string Issues = "issues_events";
    public const string ConfidentialIssues = "confidential_issues_events";
    public const string Notes = "note_events";
    public const string ConfidentialNotes = "confidential_note_events";
    public const string MergeRequests = "merge_requests_events";
    public const string WikiPages = "wiki_page_events";
    public const string Pipelines = "pipeline_events";
    public const string Jobs = "job_events";
    public const string Deployments = "deployment_events";
    public const string FeatureFlags = "feature_flag_events";
    public const string Releases = "releases_events";
    public const string Milestones = "milestone_events";
    public const string Emoji = "emoji_events";
    public const string ResourceAccessTokens = "resource_access_token_events";
    public const string Vulnerabilities = "vulnerability_events";
    public const string Members = "member_events";
    public const string Projects = "project_events";
    public const string Subgroups = "subgroup_events";

    private static readonly FrozenDictionary<string, string> FlagByEvent = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Push Hook"] = Push,
        ["Tag Push Hook"] = TagPush,
        ["Issue Hook"] = Issues,
        // Confidential issues and comments fire their own hook lists; the header name follows GitLab's naming rule.
        ["Confidential Issue Hook"] = ConfidentialIssues,
        ["Note Hook"] = Notes,
        ["Confidential Note Hook"] = ConfidentialNotes,
        ["Merge Request Hook"] = MergeRequests,
        ["Wiki Page Hook"] = WikiPages,
        ["Pipeline Hook"] = Pipelines,
        ["Job Hook"] = Jobs,
        ["Deployment Hook"] = Deployments,
        ["Feature Flag Hook"] = FeatureFlags,
        ["Release Hook"] = Releases,
        ["Milestone Hook"] = Milestones,
        ["Emoji Hook"] = Emoji,
        ["Resource Access Token Hook"] = ResourceAccessTokens,
        ["Vulnerability Hook"] = Vulnerabilities,
        ["Member Hook"] = Members,
        ["Project Hook"] = Projects,
        ["Subgroup Hook"] = Subgroups,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> EventByFlag =
        FlagByEvent.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every flag, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Push, TagPush, Issues, ConfidentialIssues, Notes, ConfidentialNotes, MergeRequests, WikiPages, Pipelines, Jobs,
        Deployments, FeatureFlags, Releases, Milestones, Emoji, ResourceAccessTokens, Vulnerabilities, Members, Projects, Subgroups,
    ];

    /// <summary>Flags that exist on group hooks only.</summary>
    public static IReadOnlySet<string> GroupOnly { get; } = new[] { Members, Projects, Subgroups }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The flags a hook of <paramref name="owner"/> accepts.</summary>
    public static IEnumerable<string> For(GitLabHookOwner owner) =>
        owner == GitLabHookOwner.Group ? All : All.Where(f => !GroupOnly.Contains(f));

    /// <summary>"Merge Request Hook" → "merge_requests_events"; null for unknown (e.g. "System Hook").</summary>
    public static string? FlagForEvent(string? eventName) =>
        eventName is not null && FlagByEvent.TryGetValue(eventName.Trim(), out var flag) ? flag : null;

    /// <summary>"merge_requests_events" → "Merge Request Hook"; null for unknown flags.</summary>
    public static string? EventForFlag(string? flag) =>
        flag is not null && EventByFlag.TryGetValue(flag, out var name) ? name : null;
}
