using System.Collections.Frozen;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Every <c>X-Gitlab-Event</c> value GitLab documents (GITLAB.md §1.2), with the <c>object_kind</c> values a body
/// of that event may carry. An empty set means the body has no fixed kind (group-only hooks carry <c>event_name</c>;
/// system hooks carry many kinds), so any or no <c>object_kind</c> is consistent.
/// </summary>
public static class GitLabEventCatalog
{
    private static readonly FrozenDictionary<string, FrozenSet<string>> Kinds = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Push Hook"] = ["push"],
        ["Tag Push Hook"] = ["tag_push"],
        ["Issue Hook"] = ["issue", "work_item"],
        ["Confidential Issue Hook"] = ["issue", "work_item"],
        ["Note Hook"] = ["note"],
        ["Confidential Note Hook"] = ["note"],
        ["Merge Request Hook"] = ["merge_request"],
        ["Wiki Page Hook"] = ["wiki_page"],
        ["Pipeline Hook"] = ["pipeline"],
        ["Job Hook"] = ["build"],
        ["Build Hook"] = ["build"],
        ["Deployment Hook"] = ["deployment"],
        ["Feature Flag Hook"] = ["feature_flag"],
        ["Release Hook"] = ["release"],
        ["Milestone Hook"] = ["milestone"],
        ["Emoji Hook"] = ["emoji"],
        ["Resource Access Token Hook"] = ["access_token"],
        ["Resource Deploy Token Hook"] = ["deploy_token"],
        ["Vulnerability Hook"] = ["vulnerability"],
        ["Member Hook"] = [],
        ["Project Hook"] = [],
        ["Subgroup Hook"] = [],
        ["System Hook"] = [],
    }.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> Canonical =
        Kinds.Keys.ToFrozenDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>All known event names, canonical spelling.</summary>
    public static IEnumerable<string> EventNames => Kinds.Keys;

    /// <summary>Canonical spelling of a known event name, or null.</summary>
    public static string? Canonicalize(string? eventName)
    {
        if (string.IsNullOrEmpty(eventName))
        {
            return null;
        }

        return Canonical.GetValueOrDefault(eventName);
    }

    public static bool IsKnown(string? eventName) => eventName is not null && Kinds.ContainsKey(eventName);

    /// <summary>True when <paramref name="objectKind"/> (null when absent) may arrive under <paramref name="eventName"/>.</summary>
    public static bool IsConsistent(string eventName, string? objectKind) =>
        objectKind is null || !Kinds.TryGetValue(eventName, out var kinds) || kinds.Count == 0 || kinds.Contains(objectKind);
}
