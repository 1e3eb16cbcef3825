using GitLabConnector.GitLab;

namespace GitLabConnector.Tests.GitLab;

public class GitLabTokenKindDetectorTests
{
    private static GitLabUser User(string username, bool bot) => new(1, username, null, null, bot, null);

    [Fact]
    public void Detects_a_project_token_and_its_project_id() =>
        Assert.Equal(new GitLabTokenKindDetection(GitLabTokenKind.Project, 20), GitLabTokenKindDetector.Detect(User("project_20_bot_8f3a", bot: true)));

    [Fact]
    public void Detects_a_legacy_numbered_project_bot() =>
        Assert.Equal(new GitLabTokenKindDetection(GitLabTokenKind.Project, 20), GitLabTokenKindDetector.Detect(User("project_20_bot1", bot: true)));

    [Fact]
    public void Detects_a_group_token_and_its_group_id() =>
        Assert.Equal(new GitLabTokenKindDetection(GitLabTokenKind.Group, 77), GitLabTokenKindDetector.Detect(User("group_77_bot_x", bot: true)));

    [Fact]
    public void Treats_a_human_user_as_a_personal_token() =>
        Assert.Equal(new GitLabTokenKindDetection(GitLabTokenKind.Personal, null), GitLabTokenKindDetector.Detect(User("alice", bot: false)));

    [Fact]
    public void Treats_a_bot_without_a_resource_id_as_a_personal_token() =>
        Assert.Equal(GitLabTokenKind.Personal, GitLabTokenKindDetector.Detect(User("service_account_group_5_abc", bot: true)).Kind);

    [Fact]
    public void Does_not_mistake_a_lookalike_username() =>
        Assert.Equal(GitLabTokenKind.Personal, GitLabTokenKindDetector.Detect(User("my_project_20_bot", bot: false)).Kind);
}
