using GitLabConnector.GitLab;

namespace GitLabConnector.Tokens;

/// <summary><c>personal</c>, <c>project</c>, <c>group</c> as stored in the status table and secret tags.</summary>
public static class TokenKindNames
{
    public static string ToName(GitLabTokenKind kind) => kind.ToString().ToLowerInvariant();

    public static GitLabTokenKind? FromName(string? name) =>
        Enum.TryParse<GitLabTokenKind>(name, ignoreCase: true, out var kind) && ToName(kind) == name ? kind : null;
}
