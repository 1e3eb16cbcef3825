using System.Collections.Frozen;
using GitLabConnector.GitLab;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Connections;

/// <summary>
/// For each <c>X-Gitlab-Event</c> name: the hook API flag that enables it and the label of the "Trigger" box in
/// GitLab's webhook form, so the instructions name exactly what a person ticks. Events without a flag (System Hook,
/// deploy-token hooks) cannot be enabled on a project or group hook.
/// </summary>
public static class WebhookTriggers
{
    private static readonly FrozenDictionary<string, Trigger> ByEvent = new Dictionary<string, Trigger>(StringComparer.OrdinalIgnoreCase)
    {
        ["Push Hook"] = new("push_events", "Push events", false),
        ["Tag Push Hook"] = new("tag_push_events", "Tag push events", false),
        ["Note Hook"] = new("note_events", "Comments", false),
        ["Confidential Note Hook"] = new("confidential_note_events", "Confidential comments", false),
        ["Issue Hook"] = new("issues_events", "Issues events", false),
        ["Confidential Issue Hook"] = new("confidential_issues_events", "Confidential issues events", false),
        ["Merge Request Hook"] = new("merge_requests_events", "Merge request events", false),
        ["Job Hook"] = new("job_events", "Job events", false),
        ["Build Hook"] = new("job_events", "Job events", false),
        ["Pipeline Hook"] = new("pipeline_events", "Pipeline events", false),
        ["Wiki Page Hook"] = new("wiki_page_events", "Wiki page events", false),
        ["Deployment Hook"] = new("deployment_events", "Deployment events", false),
        ["Feature Flag Hook"] = new("feature_flag_events", "Feature flag events", false),
        ["Release Hook"] = new("releases_events", "Releases events", false),
        ["Milestone Hook"] = new("milestone_events", "Milestone events", false),
        ["Emoji Hook"] = new("emoji_events", "Emoji events", false),
        ["Resource Access Token Hook"] = new("resource_access_token_events", "Project or group access token events", false),
        ["Vulnerability Hook"] = new("vulnerability_events", "Vulnerability events", false),
        ["Member Hook"] = new("member_events", "Member events", true),
        ["Project Hook"] = new("project_events", "Project events", true),
        ["Subgroup Hook"] = new("subgroup_events", "Subgroup events", true),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The events a connection with <paramref name="events"/> (empty = every event) asks GitLab to send.</summary>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> events) =>
        events.Count > 0 ? events : [.. GitLabEventCatalog.EventNames.Where(ByEvent.ContainsKey).Where(e => e != "Build Hook").Order(StringComparer.Ordinal)];

    /// <summary>Hook API flags for a hook owned by <paramref name="owner"/> (group-only flags dropped for projects).</summary>
    public static IReadOnlyList<string> Flags(IReadOnlyList<string> events, GitLabHookOwner owner) =>
        [.. Expand(events)
            .Select(e => ByEvent.GetValueOrDefault(e))
            .OfType<Trigger>()
            .Where(t => owner == GitLabHookOwner.Group || !t.GroupOnly)
            .Select(t => t.Flag)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The "Trigger" boxes to tick in GitLab's webhook form; group-only boxes are marked.</summary>
    public static IReadOnlyList<string> Boxes(IReadOnlyList<string> events) =>
        [.. Expand(events)
            .Select(e => ByEvent.GetValueOrDefault(e))
            .OfType<Trigger>()
            .Select(t => t.GroupOnly ? $"{t.Label} (group webhooks only)" : t.Label)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>Subscribed events that no project or group hook can send (e.g. System Hook).</summary>
    public static IReadOnlyList<string> WithoutTrigger(IReadOnlyList<string> events) =>
        [.. events.Where(e => !ByEvent.ContainsKey(e))];

    private sealed record Trigger(string Flag, string Label, bool GroupOnly);
}
