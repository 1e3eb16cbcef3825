using GitLabConnector.GitLab;

namespace GitLabConnector.Admin;

/// <summary>The token kind as the admin API names it (<c>personal</c>, <c>project</c>, <c>group</c>), detected by <see cref="GitLabTokenKindDetector"/>.</summary>
public static class ConnectionTokenKind
{
    public static GitLabTokenKind Detect(GitLabUser user) => GitLabTokenKindDetector.Detect(user).Kind;

    public static string Name(GitLabTokenKind kind) => kind switch
    {
        GitLabTokenKind.Project => "project",
        GitLabTokenKind.Group => "group",
        _ => "personal",
    };
}
