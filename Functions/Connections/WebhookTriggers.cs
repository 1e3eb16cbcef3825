using System.Collections.Frozen;
using GitLabConnector.GitLab;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Connections;

/// <summary>
/// For each hook flag (<see cref="GitLabEventFlags"/>), the label of its "Trigger" box in GitLab's webhook form, so the
/// instructions name exactly what a person ticks. Events without a flag (System Hook, deploy-token hooks) cannot be
/// enabled on a project or group hook.
/// </summary>
public static class WebhookTriggers
{
    private static readonly FrozenDictionary<string, string> LabelByFlag = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [GitLabEventFlags.Push] = "Push events",
        [GitLabEventFlags.TagPush] = "Tag push events",
        [GitLabEventFlags.Notes] = "Comments",
        [GitLabEventFlags.ConfidentialNotes] = "Confidential comments",
        [GitLabEventFlags.Issues] = "Issues events",
        [GitLabEventFlags.ConfidentialIssues] = "Confidential issues events",
        [GitLabEventFlags.MergeRequests] = "Merge request events",
        [GitLabEventFlags.Jobs] = "Job events",
        [GitLabEventFlags.Pipelines] = "Pipeline events",
        [GitLabEventFlags.WikiPages] = "Wiki page events",
        [GitLabEventFlags.Deployments] = "Deployment events",
        [GitLabEventFlags.FeatureFlags] = "Feature flag events",
        [GitLabEventFlags.Releases] = "Releases events",
        [GitLabEventFlags.Milestones] = "Milestone events",
        [GitLabEventFlags.Emoji] = "Emoji events",
        [GitLabEventFlags.ResourceAccessTokens] = "Project or group access token events",
        [GitLabEventFlags.Vulnerabilities] = "Vulnerability events",
        [GitLabEventFlags.Members] = "Member events",
        [GitLabEventFlags.Projects] = "Project events",
        [GitLabEventFlags.Subgroups] = "Subgroup events",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The events a connection with <paramref name="events"/> (empty = every event) asks GitLab to send.</summary>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> events) =>
        events.Count > 0 ? events : [.. GitLabEventCatalog.EventNames.Where(e => GitLabEventFlags.FlagForEvent(e) is not null).Order(StringComparer.Ordinal)];

    /// <summary>Hook API flags for a hook owned by <paramref name="owner"/> (group-only flags dropped for projects).</summary>
    public static IReadOnlyList<string> Flags(IReadOnlyList<string> events, GitLabHookOwner owner) =>
        [.. FlagsOf(events).Where(f => owner == GitLabHookOwner.Group || !GitLabEventFlags.GroupOnly.Contains(f))];

    /// <summary>The "Trigger" boxes to tick in GitLab's webhook form; group-only boxes are marked.</summary>
    public static IReadOnlyList<string> Boxes(IReadOnlyList<string> events) =>
        [.. FlagsOf(events).Select(f => GitLabEventFlags.GroupOnly.Contains(f) ? $"{Label(f)} (group webhooks only)" : Label(f))];

    /// <summary>Subscribed events that no project or group hook can send (e.g. System Hook).</summary>
    public static IReadOnlyList<string> WithoutTrigger(IReadOnlyList<string> events) =>
        [.. events.Where(e => FlagOf(e) is null)];

    private static IEnumerable<string> FlagsOf(IReadOnlyList<string> events) =>
        Expand(events).Select(FlagOf).OfType<string>().Distinct(StringComparer.Ordinal);

    // "Build Hook" is the pre-rename name of "Job Hook".
    private static string? FlagOf(string eventName) =>
        GitLabEventFlags.FlagForEvent(eventName) ?? (string.Equals(eventName, "Build Hook", StringComparison.OrdinalIgnoreCase) ? GitLabEventFlags.Jobs : null);

    private static string Label(string flag) => LabelByFlag.GetValueOrDefault(flag, flag);
}
