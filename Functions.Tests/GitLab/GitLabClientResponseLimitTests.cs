using System.Text.Json.Nodes;
using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.GitLab;

/// <summary>Every GitLab answer, and each page of a list, is read up to a limit and never buffered whole beyond it.</summary>
public class GitLabClientResponseLimitTests : FakeGitLabTestBase
{
    private const int Limit = 64 * 1024;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseClient(GitLabClientHarness.Create(o => o.MaxResponseBytes = Limit));
    }

    [Fact]
    public async Task An_answer_over_the_limit_is_a_clear_error_that_is_not_retried()
    {
        GitLab.State.AddMergeRequest(5, 7, new JsonObject { ["title"] = new string('x', Limit + 1) });

        var error = await Assert.ThrowsAsync<GitLabResponseTooLargeException>(() => Client.Api.GetMergeRequestAsync(Connection, 5, 7, CancellationToken.None));

        Assert.Contains($"more than {Limit} bytes", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Single(GitLab.Requests.To("/projects/5/merge_requests/7"));
        Assert.Contains(Client.Logs.Entries, e => e.EventId.Id == 1211);
    }

    [Fact]
    public async Task A_page_over_the_limit_fails_the_list_even_when_each_item_is_small()
    {
        GitLab.State.SetMergeRequestDiscussions(5, 7, Enumerable.Range(0, 100).Select(i => new JsonObject { ["id"] = $"d{i}", ["body"] = new string('x', 1024) }));

        await Assert.ThrowsAsync<GitLabResponseTooLargeException>(() => Client.Api.GetMergeRequestDiscussionsAsync(Connection, 5, 7, 1000, CancellationToken.None));
    }

    [Fact]
    public async Task An_answer_within_the_limit_is_read_as_before()
    {
        GitLab.State.AddMergeRequest(5, 7, new JsonObject { ["title"] = new string('x', Limit / 2) });

        var mr = await Client.Api.GetMergeRequestAsync(Connection, 5, 7, CancellationToken.None);

        Assert.Equal(Limit / 2, mr.GetProperty("title").GetString()!.Length);
    }
}
