using System.Collections.Frozen;
using static GitLabConnector.GitLabEvents.GitLabEventFlags;

namespace GitLabConnector.GitLabEvents;

/// <summary>
/// Every <c>X-Gitlab-Event</c> GitLab documents (GITLAB.md §1.2): the <c>object_kind</c> values its body may carry (none:
/// no fixed kind, any is consistent), the hook flag that subscribes to it (none: no project or group hook can) and the
/// label of that flag's "Trigger" box in GitLab's webhook form.
/// </summary>
public static class GitLabEventCatalog
{
    private static readonly GitLabEvent[] Events =
    [
        new("Push Hook", ["push"], Push, "Push events"),
        new("Tag Push Hook", ["tag_push"], TagPush, "Tag push events"),
        new("Issue Hook", ["issue", "work_item"], Issues, "Issues events"),
        // Confidential issues and comments fire their own hook lists; the header name follows GitLab's naming rule.
        new("Confidential Issue Hook", ["issue", "work_item"], ConfidentialIssues, "Confidential issues events"),
        new("Note Hook", ["note"], Notes, "Comments"),
        new("Confidential Note Hook", ["note"], ConfidentialNotes, "Confidential comments"),
        new("Merge Request Hook", ["merge_request"], MergeRequests, "Merge request events"),
        new("Wiki Page Hook", ["wiki_page"], WikiPages, "Wiki page events"),
        new("Pipeline Hook", ["pipeline"], Pipelines, "Pipeline events"),
        new("Job Hook", ["build"], Jobs, "Job events"),
        // The pre-rename name of "Job Hook": sent by older instances, never offered as an event of its own.
        new("Build Hook", ["build"], Jobs, null),
        new("Deployment Hook", ["deployment"], Deployments, "Deployment events"),
        new("Feature Flag Hook", ["feature_flag"], FeatureFlags, "Feature flag events"),
        new("Release Hook", ["release"], Releases, "Releases events"),
        new("Milestone Hook", ["milestone"], Milestones, "Milestone events"),
        new("Emoji Hook", ["emoji"], Emoji, "Emoji events"),
        new("Resource Access Token Hook", ["access_token"], ResourceAccessTokens, "Project or group access token events"),
        new("Resource Deploy Token Hook", ["deploy_token"], null, null),
        new("Vulnerability Hook", ["vulnerability"], Vulnerabilities, "Vulnerability events"),
        new("Member Hook", [], Members, "Member events", GroupOnly: true),
        new("Project Hook", [], GitLabEventFlags.Projects, "Project events", GroupOnly: true),
        new("Subgroup Hook", [], Subgroups, "Subgroup events", GroupOnly: true),
        new("System Hook", [], null, null),
    ];

    private static readonly FrozenDictionary<string, GitLabEvent> ByName = Events.ToFrozenDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);

    // Offered events (one per flag) by flag; "Build Hook" is received but never offered.
    private static readonly FrozenDictionary<string, GitLabEvent> ByFlag =
        Events.Where(e => e.Label is not null).ToFrozenDictionary(e => e.Flag!, StringComparer.Ordinal);

    /// <summary>Events a project or group hook can subscribe to.</summary>
    public static IEnumerable<string> OfferedEventNames => Events.Where(e => e.Label is not null).Select(e => e.Name);

    public static IReadOnlyList<string> Flags { get; } = [.. Events.Where(e => e.Label is not null).Select(e => e.Flag!)];

    public static IReadOnlySet<string> GroupOnlyFlags { get; } = Events.Where(e => e.GroupOnly).Select(e => e.Flag!).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The documented spelling of a (case-insensitive) event header, or null when GitLab sends no such event.</summary>
    public static string? Canonicalize(string? eventName) =>
        string.IsNullOrEmpty(eventName) ? null : ByName.GetValueOrDefault(eventName)?.Name;

    /// <summary>Whether a body's <c>object_kind</c> (when it has one) fits the event header.</summary>
    public static bool IsConsistent(string eventName, string? objectKind) =>
        objectKind is null || !ByName.TryGetValue(eventName, out var e) || e.ObjectKinds.Length == 0 || e.ObjectKinds.Contains(objectKind, StringComparer.Ordinal);

    /// <summary>"Merge Request Hook" → "merge_requests_events"; null for events no hook can send (e.g. "System Hook").</summary>
    public static string? FlagForEvent(string? eventName) =>
        eventName is not null && ByName.TryGetValue(eventName.Trim(), out var e) ? e.Flag : null;

    /// <summary>"merge_requests_events" → "Merge Request Hook"; null for unknown flags.</summary>
    public static string? EventForFlag(string? flag) => flag is not null && ByFlag.TryGetValue(flag, out var e) ? e.Name : null;

    public static string? Label(string flag) => ByFlag.GetValueOrDefault(flag)?.Label;

    private sealed record GitLabEvent(string Name, string[] ObjectKinds, string? Flag, string? Label, bool GroupOnly = false);
}
