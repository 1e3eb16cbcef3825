using GitLabConnector.GitLab;
using GitLabConnector.GitLabEvents;

namespace GitLabConnector.Admin;

/// <summary>A connection's events as GitLab's webhook form and hook API take them, so the instructions name exactly what a person ticks.</summary>
public static class WebhookTriggers
{
    /// <summary>The events a connection with <paramref name="events"/> (empty = every event) asks GitLab to send.</summary>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> events) =>
        events.Count > 0 ? events : [.. GitLabEventCatalog.OfferedEventNames.Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Flags(IReadOnlyList<string> events, GitLabHookOwner owner) =>
        [.. FlagsOf(events).Where(f => owner == GitLabHookOwner.Group || !GitLabEventFlags.GroupOnly.Contains(f))];

    public static IReadOnlyList<string> Boxes(IReadOnlyList<string> events) =>
        [.. FlagsOf(events).Select(f => GitLabEventFlags.GroupOnly.Contains(f) ? $"{Label(f)} (group webhooks only)" : Label(f))];

    /// <summary>Subscribed events that no project or group hook can send (e.g. System Hook).</summary>
    public static IReadOnlyList<string> WithoutTrigger(IReadOnlyList<string> events) =>
        [.. events.Where(e => GitLabEventCatalog.FlagForEvent(e) is null)];

    private static IEnumerable<string> FlagsOf(IReadOnlyList<string> events) =>
        Expand(events).Select(GitLabEventCatalog.FlagForEvent).OfType<string>().Distinct(StringComparer.Ordinal);

    private static string Label(string flag) => GitLabEventCatalog.Label(flag) ?? flag;
}
