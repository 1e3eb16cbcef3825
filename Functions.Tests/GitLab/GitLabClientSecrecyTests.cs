using GitLabConnector.GitLab;

namespace GitLabConnector.Tests.GitLab;

public class GitLabClientSecrecyTests : FakeGitLabTestBase
{
    [Fact]
    public async Task Never_puts_the_token_in_exceptions_or_logs()
    {
        GitLab.State.AddProject(5);
        GitLab.Faults.FailNext(1, 502, "/projects/5");
        await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);
        GitLab.Faults.FailNext(1, 403, "/projects/5");
        var forbidden = await Assert.ThrowsAsync<GitLabApiException>(() => Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<GitLabApiException>(() => Client.Api.GetIssueAsync(Connection, 5, 1, CancellationToken.None));
        var rotated = await Client.Api.RotateTokenSelfAsync(Connection, GitLabTokenKind.Personal, null, new DateOnly(2027, 1, 1), CancellationToken.None);
        var revoked = await Assert.ThrowsAsync<GitLabUnauthorizedException>(() => Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None));

        Assert.NotEmpty(Client.Logs.Entries);
        Assert.Contains(Client.Logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        foreach (var secret in new[] { Token, rotated.Token })
        {
            Assert.DoesNotContain(secret, Client.Logs.AllText, StringComparison.Ordinal);
            Assert.All(new Exception[] { forbidden, missing, revoked }, e => Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Connection_and_rotated_token_do_not_print_the_token()
    {
        Assert.DoesNotContain(Token, Connection.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, new GitLabRotatedToken(1, Token, null, ["api"]).ToString(), StringComparison.Ordinal);
    }
}
