using System.Text.Json.Nodes;
using GitLabConnector.GitLab;

namespace GitLabConnector.Tests.GitLab;

public class GitLabClientResourceTests : FakeGitLabTestBase
{
    [Fact]
    public async Task Reads_merge_request_and_its_approvals()
    {
        GitLab.State.AddMergeRequest(5, 7, new JsonObject { ["title"] = "Fix it" });
        GitLab.State.SetMergeRequestApprovals(5, 7, new JsonObject { ["approved"] = true, ["approvals_left"] = 0 });

        var mr = await Client.Api.GetMergeRequestAsync(Connection, 5, 7, CancellationToken.None);
        var approvals = await Client.Api.GetMergeRequestApprovalsAsync(Connection, 5, 7, CancellationToken.None);

        Assert.Equal("Fix it", mr.GetProperty("title").GetString());
        Assert.Equal(7, mr.GetProperty("iid").GetInt64());
        Assert.True(approvals.GetProperty("approved").GetBoolean());
        Assert.Single(GitLab.Requests.To("/projects/5/merge_requests/7"));
    }

    [Fact]
    public async Task Reads_commit_with_stats()
    {
        GitLab.State.AddCommit(5, "abc123def", additions: 10, deletions: 3);

        var commit = await Client.Api.GetCommitAsync(Connection, 5, "abc123def", CancellationToken.None);

        Assert.Equal(13, commit.GetProperty("stats").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Reads_pipeline_issue_user_and_project()
    {
        GitLab.State.AddPipeline(5, 99, new JsonObject { ["status"] = "failed" });
        GitLab.State.AddIssue(5, 3, new JsonObject { ["title"] = "Bug" });
        GitLab.State.AddUser(42, "bob");
        GitLab.State.AddProject(5);

        var pipeline = await Client.Api.GetPipelineAsync(Connection, 5, 99, CancellationToken.None);
        var issue = await Client.Api.GetIssueAsync(Connection, 5, 3, CancellationToken.None);
        var user = await Client.Api.GetUserAsync(Connection, 42, CancellationToken.None);
        var project = await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);

        Assert.Equal("failed", pipeline.GetProperty("status").GetString());
        Assert.Equal("Bug", issue.GetProperty("title").GetString());
        Assert.Equal("bob", user.GetProperty("username").GetString());
        Assert.Equal(5, project.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Reads_current_user_and_token_self_as_typed_records()
    {
        var user = await Client.Api.GetCurrentUserAsync(Connection, CancellationToken.None);
        var token = await Client.Api.GetTokenSelfAsync(Connection, CancellationToken.None);

        Assert.Equal(new GitLabUser(1, "alice", "alice", null, false, "https://gitlab.example.com/alice"), user);
        Assert.True(token.Active);
        Assert.False(token.Revoked);
        Assert.Equal(["api"], token.Scopes);
        Assert.Equal(1, token.UserId);
        Assert.NotNull(token.ExpiresAt);
    }

    [Fact]
    public async Task Follows_a_same_origin_redirect_of_a_moved_project()
    {
        GitLab.State.AddProject(6, new JsonObject { ["name"] = "moved" });
        GitLab.State.AddRedirect("/projects/5", "/projects/6");

        var project = await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);

        Assert.Equal("moved", project.GetProperty("name").GetString());
        Assert.Single(GitLab.Requests.To("/projects/6"));
    }

    [Fact]
    public async Task Refuses_a_redirect_to_another_origin()
    {
        var otherHost = new UriBuilder(GitLab.BaseUrl) { Host = "localhost", Path = "/api/v4/projects/6" }.Uri;
        GitLab.State.AddRedirect("/projects/5", otherHost.AbsoluteUri);

        var error = await Assert.ThrowsAsync<GitLabApiException>(() => Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None));

        Assert.Equal(301, error.Status);
        Assert.Empty(GitLab.Requests.To("/projects/6"));
    }
}

public class GitLabClientSubPathTests : FakeGitLabTestBase
{
    protected override string SubPath => "/gitlab";

    [Fact]
    public async Task Keeps_the_instance_sub_path_in_the_api_base()
    {
        GitLab.State.AddProject(5);
        Assert.EndsWith("/gitlab", GitLab.BaseUrl.AbsolutePath, StringComparison.Ordinal);

        var project = await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);

        Assert.Equal(5, project.GetProperty("id").GetInt64());
        Assert.Equal("/projects/{id}", Assert.Single(GitLab.Requests.To("/projects/5")).Route);
    }

    [Fact]
    public void Builds_api_uris_under_the_sub_path_with_or_without_trailing_slash()
    {
        Assert.Equal("https://host/gitlab/api/v4/projects/5", GitLabApiUri.For(new Uri("https://host/gitlab"), "projects/5").AbsoluteUri);
        Assert.Equal("https://host/gitlab/api/v4/projects/5", GitLabApiUri.For(new Uri("https://host/gitlab/"), "projects/5").AbsoluteUri);
        Assert.Equal("https://host/api/v4/user", GitLabApiUri.For(new Uri("https://host"), "user").AbsoluteUri);
    }
}
