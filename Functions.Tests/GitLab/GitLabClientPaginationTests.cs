using System.Text.Json.Nodes;

namespace GitLabConnector.Tests.GitLab;

public class GitLabClientPaginationTests : FakeGitLabTestBase
{
    private static IEnumerable<JsonObject> Discussions(int count) =>
        Enumerable.Range(1, count).Select(i => new JsonObject { ["id"] = "d" + i, ["individual_note"] = false });

    [Fact]
    public async Task Reads_250_discussions_across_three_pages_of_100()
    {
        GitLab.State.SetMergeRequestDiscussions(5, 7, Discussions(250));

        var items = await Client.Api.GetMergeRequestDiscussionsAsync(Connection, 5, 7, maxItems: 1000, CancellationToken.None);

        Assert.Equal(250, items.Count);
        Assert.Equal("d1", items[0].GetProperty("id").GetString());
        Assert.Equal("d250", items[^1].GetProperty("id").GetString());
        var requests = GitLab.Requests.To("/projects/5/merge_requests/7/discussions");
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Contains("per_page=100", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stops_fetching_pages_at_max_items()
    {
        GitLab.State.SetMergeRequestCommits(5, 7, Enumerable.Range(1, 250).Select(i => new JsonObject { ["id"] = "sha" + i }));

        var items = await Client.Api.GetMergeRequestCommitsAsync(Connection, 5, 7, maxItems: 150, CancellationToken.None);

        Assert.Equal(150, items.Count);
        Assert.Equal("sha150", items[^1].GetProperty("id").GetString());
        Assert.Equal(2, GitLab.Requests.To("/projects/5/merge_requests/7/commits").Count);
    }

    [Fact]
    public async Task Filters_pipeline_jobs_by_scope()
    {
        GitLab.State.SetPipelineJobs(5, 99,
        [
            new JsonObject { ["id"] = 1, ["status"] = "failed" },
            new JsonObject { ["id"] = 2, ["status"] = "success" },
            new JsonObject { ["id"] = 3, ["status"] = "failed" },
        ]);

        var failed = await Client.Api.GetPipelineJobsAsync(Connection, 5, 99, "failed", 100, CancellationToken.None);
        var all = await Client.Api.GetPipelineJobsAsync(Connection, 5, 99, null, 100, CancellationToken.None);

        Assert.Equal([1, 3], failed.Select(j => j.GetProperty("id").GetInt32()));
        Assert.Equal(3, all.Count);
    }
}
