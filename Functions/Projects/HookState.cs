using GitLabConnector.GitLabEvents;

namespace GitLabConnector.Projects;

/// <summary>A GitLab hook as the hook API shows it: where it delivers, which events it sends, whether GitLab disabled it.</summary>
public sealed record HookState(long Id, Uri? Url, IReadOnlyList<string> Events, string AlertStatus, DateTimeOffset? DisabledUntil)
{
    public const string Executable = "executable";

    // Triggers GitLab's test endpoint takes, the likeliest to succeed first (a push test needs one commit, an MR test an MR).
    private static readonly string[] TestTriggers =
    [
        GitLabEventFlags.Push, GitLabEventFlags.TagPush, GitLabEventFlags.MergeRequests, GitLabEventFlags.Issues, GitLabEventFlags.Notes,
        GitLabEventFlags.Pipelines, GitLabEventFlags.Jobs, GitLabEventFlags.WikiPages, GitLabEventFlags.Releases, GitLabEventFlags.Emoji,
        GitLabEventFlags.ResourceAccessTokens,
    ];

    /// <summary><c>temporarily_disabled</c> (after 4 failures in a row) or <c>disabled</c> (after 40).</summary>
    public bool IsDisabled => !string.Equals(AlertStatus, Executable, StringComparison.Ordinal);

    /// <summary>The event GitLab's test delivery should send: a 2xx answer to it re-enables the hook.</summary>
    public string TestTrigger => TestTriggers.FirstOrDefault(t => Events.Contains(t, StringComparer.Ordinal)) ?? GitLabEventFlags.Push;

    public bool DeliversTo(Uri webhookUrl) => Url is not null && SameUrl(Url, webhookUrl);

    public static bool SameUrl(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    public static HookState From(JsonElement hook) => new(
        hook.GetProperty("id").GetInt64(),
        Text(hook, "url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null,
        [.. GitLabEventFlags.All.Where(f => hook.TryGetProperty(f, out var on) && on.ValueKind == JsonValueKind.True)],
        Text(hook, "alert_status") ?? Executable,
        DateTimeOffset.TryParse(Text(hook, "disabled_until"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until) ? until : null);

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
