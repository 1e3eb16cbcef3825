using System.Text.Json.Nodes;
using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.GitLab;

public class GitLabClientResilienceTests : FakeGitLabTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        GitLab.State.AddProject(5);
    }

    [Fact]
    public async Task Waits_for_the_advertised_retry_time_after_429()
    {
        GitLab.RateLimit.Set(limit: 1, window: TimeSpan.FromSeconds(1));

        await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);
        var project = await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);

        Assert.Equal(5, project.GetProperty("id").GetInt64());
        var log = GitLab.Requests.To("/projects/5");
        var throttled = Assert.Single(log, r => r.Status == 429);
        var retried = log.Single(r => r.ArrivedAt > throttled.ArrivedAt);
        Assert.Equal(200, retried.Status);
        Assert.True(retried.ArrivedAt >= throttled.RetryNotBefore, $"retried at {retried.ArrivedAt:O}, advertised {throttled.RetryNotBefore:O}");
    }

    [Fact]
    public async Task Gives_up_at_once_when_gitlab_asks_to_wait_longer_than_allowed()
    {
        UseClient(GitLabClientHarness.Create(maxAdvertisedWait: TimeSpan.FromSeconds(5)));
        GitLab.RateLimit.Set(limit: 1, window: TimeSpan.FromMinutes(1));
        await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);

        var error = await Assert.ThrowsAsync<GitLabApiException>(() => Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None));

        Assert.Equal(429, error.Status);
        Assert.True(error.IsTransient);
        Assert.NotNull(error.RetryNotBefore);
        Assert.Equal([200, 429], GitLab.Requests.To("/projects/5").Select(r => r.Status));
    }

    [Fact]
    public async Task Retries_a_429_without_advertised_time_with_backoff()
    {
        GitLab.Faults.FailNext(1, 429, "/projects/5");

        var project = await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);

        Assert.Equal(5, project.GetProperty("id").GetInt64());
        Assert.Equal([429, 200], GitLab.Requests.To("/projects/5").Select(r => r.Status));
    }

    [Fact]
    public async Task Retries_server_errors_until_success()
    {
        GitLab.Faults.FailNext(2, 502, "/projects/5");

        var project = await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);

        Assert.Equal(5, project.GetProperty("id").GetInt64());
        Assert.Equal([502, 502, 200], GitLab.Requests.To("/projects/5").Select(r => r.Status));
        Assert.Equal(2, Client.Logs.Entries.Count(e => e.EventId.Id == 1201));
    }

    [Fact]
    public async Task Gives_up_after_max_retries_with_a_transient_error()
    {
        UseClient(GitLabClientHarness.Create(o => o.MaxRetries = 2));
        GitLab.Faults.FailNext(10, 503, "/projects/5");

        var error = await Assert.ThrowsAsync<GitLabApiException>(() => Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None));

        Assert.Equal(503, error.Status);
        Assert.True(error.IsTransient);
        Assert.Equal(3, GitLab.Requests.To("/projects/5").Count);
    }

    [Fact]
    public async Task Retries_a_timed_out_request()
    {
        UseClient(GitLabClientHarness.Create(o => o.Timeout = TimeSpan.FromMilliseconds(500)));
        GitLab.Faults.DelayNext(1, TimeSpan.FromSeconds(5), "/projects/5");

        var project = await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);

        Assert.Equal(5, project.GetProperty("id").GetInt64());
        Assert.Contains(Client.Logs.Entries, e => e.EventId.Id == 1204);
        Assert.Contains(GitLab.Requests.To("/projects/5"), r => r.Status == 200);
    }

    [Fact]
    public async Task Maps_401_to_unauthorized()
    {
        var stranger = Connection with { Token = "glpat-unknown-token-value" };

        var error = await Assert.ThrowsAsync<GitLabUnauthorizedException>(() => Client.Api.GetProjectAsync(stranger, 5, CancellationToken.None));

        Assert.Equal(401, error.Status);
        Assert.Single(GitLab.Requests.To("/projects/5"));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(403)]
    public async Task Maps_404_and_403_to_gone_or_forbidden_without_retrying(int status)
    {
        GitLab.Faults.FailNext(1, status, "/projects/5");

        var error = await Assert.ThrowsAsync<GitLabApiException>(() => Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None));

        Assert.Equal(status, error.Status);
        Assert.True(error.IsGoneOrForbidden);
        Assert.False(error.IsTransient);
        Assert.Single(GitLab.Requests.To("/projects/5"));
    }

    [Fact]
    public async Task Reports_a_missing_resource_with_gitlabs_message()
    {
        var error = await Assert.ThrowsAsync<GitLabApiException>(() => Client.Api.GetIssueAsync(Connection, 5, 404, CancellationToken.None));

        Assert.Equal(404, error.Status);
        Assert.Contains("404 Not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_through_an_outage_that_ends()
    {
        GitLab.State.AddMergeRequest(5, 1, new JsonObject { ["title"] = "ok" });
        GitLab.Faults.Outage = true;
        var call = Client.Api.GetMergeRequestAsync(Connection, 5, 1, CancellationToken.None);
        while (GitLab.Requests.To("/projects/5/merge_requests/1").Count == 0)
        {
            await Task.Delay(10);
        }

        GitLab.Faults.Outage = false;
        var mr = await call;

        Assert.Equal("ok", mr.GetProperty("title").GetString());
    }
}
