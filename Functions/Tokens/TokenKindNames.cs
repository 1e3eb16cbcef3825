using GitLabConnector.GitLab;

namespace GitLabConnector.Tokens;

/// <summary>The token kind names stored in the status table and secret tags: <c>personal</c>, <c>project</c>, <c>group</c>.</summary>
public static class TokenKindNames
{
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
}
