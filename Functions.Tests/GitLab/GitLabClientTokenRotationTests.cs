using GitLabConnector.GitLab;

namespace GitLabConnector.Tests.GitLab;

public class GitLabClientTokenRotationTests : FakeGitLabTestBase
{
    private static readonly DateOnly NewExpiry = new(2027, 3, 1);

    [Fact]
    public async Task Rotates_a_personal_token_through_the_pat_self_endpoint()
    {
        var rotated = await Client.Api.RotateTokenSelfAsync(Connection, GitLabTokenKind.Personal, null, NewExpiry, CancellationToken.None);

        var request = Assert.Single(GitLab.Requests.Entries);
        Assert.Equal(("POST", "/personal_access_tokens/self/rotate"), (request.Method, request.Path));
        Assert.Equal(NewExpiry, rotated.ExpiresAt);
        Assert.NotEqual(Token, rotated.Token);
        Assert.True(GitLab.State.FindToken(Token)!.Revoked);
        Assert.True(GitLab.State.FindToken(rotated.Token)!.IsActive);
        Assert.DoesNotContain(rotated.Token, rotated.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotates_a_project_token_through_the_project_endpoint()
    {
        GitLab.State.AddProjectToken("glpat-ProjectTokenValue99", projectId: 5);
        var connection = Connection with { Token = "glpat-ProjectTokenValue99" };

        var rotated = await Client.Api.RotateTokenSelfAsync(connection, GitLabTokenKind.Project, 5, NewExpiry, CancellationToken.None);

        Assert.Single(GitLab.Requests.To("/projects/5/access_tokens/self/rotate", "POST"));
        Assert.Equal(GitLabTokenKind.Project, GitLab.State.FindToken(rotated.Token)!.Kind);
    }

    [Fact]
    public async Task Rotates_a_group_token_through_the_group_endpoint()
    {
        GitLab.State.AddGroupToken("glpat-GroupTokenValue777", groupId: 8);
        var connection = Connection with { Token = "glpat-GroupTokenValue777" };

        await Client.Api.RotateTokenSelfAsync(connection, GitLabTokenKind.Group, 8, NewExpiry, CancellationToken.None);

        Assert.Single(GitLab.Requests.To("/groups/8/access_tokens/self/rotate", "POST"));
    }

    [Fact]
    public async Task Never_retries_a_rotation_that_failed_with_500()
    {
        GitLab.Faults.FailNext(1, 500, "/rotate");

        var error = await Assert.ThrowsAsync<GitLabApiException>(() =>
            Client.Api.RotateTokenSelfAsync(Connection, GitLabTokenKind.Personal, null, NewExpiry, CancellationToken.None));

        Assert.Equal(500, error.Status);
        Assert.Single(GitLab.Requests.Entries);
    }

    [Fact]
    public async Task Rotating_an_already_rotated_token_is_unauthorized_and_revokes_the_family()
    {
        var rotated = await Client.Api.RotateTokenSelfAsync(Connection, GitLabTokenKind.Personal, null, NewExpiry, CancellationToken.None);

        await Assert.ThrowsAsync<GitLabUnauthorizedException>(() =>
            Client.Api.RotateTokenSelfAsync(Connection, GitLabTokenKind.Personal, null, NewExpiry, CancellationToken.None));

        Assert.True(GitLab.State.FindToken(rotated.Token)!.Revoked);
    }

    [Fact]
    public async Task A_project_token_sent_to_the_pat_endpoint_is_refused_with_405()
    {
        GitLab.State.AddProjectToken("glpat-ProjectTokenValue99", projectId: 5);
        var connection = Connection with { Token = "glpat-ProjectTokenValue99" };

        var error = await Assert.ThrowsAsync<GitLabApiException>(() =>
            Client.Api.RotateTokenSelfAsync(connection, GitLabTokenKind.Personal, null, NewExpiry, CancellationToken.None));

        Assert.Equal(405, error.Status);
        Assert.False(GitLab.State.FindToken("glpat-ProjectTokenValue99")!.Revoked);
    }

    [Fact]
    public async Task A_project_rotation_needs_the_project_id()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Client.Api.RotateTokenSelfAsync(Connection, GitLabTokenKind.Project, null, NewExpiry, CancellationToken.None));
        Assert.Empty(GitLab.Requests.Entries);
    }
}
