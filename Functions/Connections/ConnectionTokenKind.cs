using System.Text.RegularExpressions;
using GitLabConnector.GitLab;

namespace GitLabConnector.Connections;

/// <summary>
/// Tells personal from project/group access tokens by the token's own user: project and group access tokens belong to
/// bot users named <c>project_{id}_bot…</c> / <c>group_{id}_bot…</c> (GITLAB.md §5.3).
/// </summary>
public static partial class ConnectionTokenKind
{
    public static GitLabTokenKind Detect(GitLabUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var match = BotUsername().Match(user.Username ?? string.Empty);
        if (!match.Success)
        {
            return GitLabTokenKind.Personal;
        }

        return match.Groups["kind"].Value == "project" ? GitLabTokenKind.Project : GitLabTokenKind.Group;
    }

    public static string Name(GitLabTokenKind kind) => kind switch
    {
        GitLabTokenKind.Project => "project",
        GitLabTokenKind.Group => "group",
        _ => "personal",
    };

    [GeneratedRegex("^(?<kind>project|group)_[0-9]{1,18}_bot", RegexOptions.CultureInvariant)]
    private static partial Regex BotUsername();
}
