using System.Globalization;
using System.Text.RegularExpressions;
using GitLabConnector.GitLab;

namespace GitLabConnector.Tokens;

/// <summary>A token's kind and, for project/group access tokens, the project or group whose rotate endpoint it uses.</summary>
public readonly record struct TokenKindDetection(GitLabTokenKind Kind, long? ResourceId);

/// <summary>
/// Tells personal from project/group access tokens by the token's own user (<c>GET /user</c>): project and group
/// access tokens belong to bot users named <c>project_{id}_bot…</c> / <c>group_{id}_bot…</c> (GITLAB.md §5.3).
/// A bot whose name carries no resource id (a service account) authenticates with a personal access token.
/// </summary>
public static partial class TokenKindDetector
{
    public static TokenKindDetection Detect(GitLabUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var match = BotUsername().Match(user.Username ?? string.Empty);
        if (match.Success && long.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            var kind = match.Groups["kind"].Value == "project" ? GitLabTokenKind.Project : GitLabTokenKind.Group;
            return new TokenKindDetection(kind, id);
        }

        return new TokenKindDetection(GitLabTokenKind.Personal, null);
    }

    public static string ToName(GitLabTokenKind kind) => kind switch
    {
        GitLabTokenKind.Project => "project",
        GitLabTokenKind.Group => "group",
        _ => "personal",
    };

    public static GitLabTokenKind? FromName(string? name) => name switch
    {
        "personal" => GitLabTokenKind.Personal,
        "project" => GitLabTokenKind.Project,
        "group" => GitLabTokenKind.Group,
        _ => null,
    };

    [GeneratedRegex("^(?<kind>project|group)_(?<id>[0-9]{1,18})_bot", RegexOptions.CultureInvariant)]
    private static partial Regex BotUsername();
}
