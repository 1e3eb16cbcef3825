using System.Text.RegularExpressions;

namespace GitLabConnector.GitLab;

/// <summary>The kind of a token and, for project/group access tokens, the project or group it belongs to.</summary>
public readonly record struct GitLabTokenKindDetection(GitLabTokenKind Kind, long? ResourceId);

/// <summary>Project and group access tokens belong to bot users named <c>project_{id}_bot...</c> / <c>group_{id}_bot...</c>.</summary>
public static partial class GitLabTokenKindDetector
{
    public static GitLabTokenKindDetection Detect(GitLabUser user)
    {
        var match = BotUsername().Match(user.Username ?? string.Empty);
        if (match.Success && long.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return new GitLabTokenKindDetection(match.Groups["kind"].Value == "project" ? GitLabTokenKind.Project : GitLabTokenKind.Group, id);
        }

        // A bot whose name does not carry a resource id (e.g. a service account) authenticates with a personal access token.
        return new GitLabTokenKindDetection(GitLabTokenKind.Personal, null);
    }

    [GeneratedRegex("^(?<kind>project|group)_(?<id>[0-9]{1,18})_bot", RegexOptions.CultureInvariant)]
    private static partial Regex BotUsername();
}
