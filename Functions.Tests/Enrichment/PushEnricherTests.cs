using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitLabConnector.Tests.Enrichment;

public sealed class PushEnricherTests
{
    private const string First = "b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327";
    private const string Second = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";

    private static EnrichmentHarness Harness(EnrichmentOptions? options = null)
    {
        var harness = new EnrichmentHarness(options);
        harness.GitLab.GetCommitAsync(EnrichmentHarness.Connection, 15, First, Arg.Any<CancellationToken>())
            .Returns(EnrichmentHarness.Json($$"""{ "id": "{{First}}", "stats": { "additions": 12, "deletions": 3, "total": 15 } }"""));
        harness.GitLab.GetCommitAsync(EnrichmentHarness.Connection, 15, Second, Arg.Any<CancellationToken>())
            .Returns(EnrichmentHarness.Json($$"""{ "id": "{{Second}}", "stats": { "additions": 1, "deletions": 0, "total": 1 } }"""));
        return harness;
    }

    [Fact]
    public async Task Enriches_push_field_by_field()
    {
        var harness = Harness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/push.json"), "Push Hook");

        var json = EnrichmentHarness.Serialize(record);
        Assert.Equal("push", (string?)json["kind"]);
        Assert.Equal("push", (string?)json["action"]);
        Assert.Equal("2012-01-03T21:36:29Z", (string?)json["occurredAt"]);
        EnrichmentHarness.AssertJsonEqual("""{ "id": 4, "username": "jsmith", "name": "John Smith", "email": "john@example.com" }""", json["actor"]);
        EnrichmentHarness.AssertJsonEqual("""{ "id": 15, "path": "mike/diaspora", "webUrl": "http://example.com/mike/diaspora" }""", json["project"]);
        EnrichmentHarness.AssertJsonEqual($$"""
            {
              "ref": "refs/heads/master",
              "before": "95790bf891e76fee5e1747ab589903a6a1f80f22",
              "after": "{{Second}}",
              "commits": [
                { "sha": "{{First}}", "title": "Update Catalan translation to e38cb41.",
                  "author": { "name": "Jordi Mallach", "email": "jordi@softcatala.org" }, "additions": 12, "deletions": 3 },
                { "sha": "{{Second}}", "title": "fixed readme",
                  "author": { "name": "GitLab dev user", "email": "gitlabdev@dv6700.(none)" }, "additions": 1, "deletions": 0 }
              ],
              "totalCommits": 4
            }
            """, json["subject"]);
        Assert.False(record.Partial);
        Assert.Equal(2, harness.GitLabCalls);
    }

    [Fact]
    public async Task Reads_stats_only_for_the_newest_configured_number_of_commits()
    {
        var harness = Harness(new EnrichmentOptions { MaxPushCommitStats = 1 });

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/push.json"), "Push Hook");

        await harness.GitLab.Received(1).GetCommitAsync(EnrichmentHarness.Connection, 15, Second, Arg.Any<CancellationToken>());
        await harness.GitLab.DidNotReceive().GetCommitAsync(EnrichmentHarness.Connection, 15, First, Arg.Any<CancellationToken>());
        var commits = record.Subject["commits"]!.AsArray();
        Assert.Null(commits[0]!["additions"]);
        Assert.Equal(1, (long)commits[1]!["additions"]!);
    }

    [Fact]
    public async Task Commit_that_is_gone_makes_the_record_partial()
    {
        var harness = Harness();
        harness.GitLab.GetCommitAsync(EnrichmentHarness.Connection, 15, First, Arg.Any<CancellationToken>())
            .ThrowsAsync(new GitLabApiException(404, "404 Commit Not Found"));

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/push.json"), "Push Hook");

        Assert.True(record.Partial);
        var error = Assert.Single(record.Errors);
        Assert.Equal($"projects/15/repository/commits/{First}", error.Resource);
        Assert.Equal(404, error.Status);
        Assert.Equal(1, (long)record.Subject["commits"]!.AsArray()[1]!["additions"]!);
    }

    [Fact]
    public async Task Unauthorized_commit_read_propagates()
    {
        var harness = Harness();
        harness.GitLab.GetCommitAsync(EnrichmentHarness.Connection, 15, Second, Arg.Any<CancellationToken>())
            .ThrowsAsync(new GitLabUnauthorizedException());

        await Assert.ThrowsAsync<GitLabUnauthorizedException>(() => harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/push.json"), "Push Hook"));
    }

    [Fact]
    public async Task Tag_push_without_commits_makes_no_calls_and_occurs_when_received()
    {
        var harness = Harness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/tag-push.json"), "Tag Push Hook");

        Assert.Equal("tag_push", record.Kind);
        Assert.Equal(EnrichmentHarness.ReceivedAt, record.OccurredAt);
        Assert.Equal("refs/tags/v1.0.0", (string?)record.Subject["ref"]);
        Assert.Equal(0, (long)record.Subject["totalCommits"]!);
        Assert.Equal(0, harness.GitLabCalls);
    }

    [Fact]
    public async Task Jira_keys_come_from_branch_name_and_commit_messages()
    {
        var harness = Harness();

        var record = await harness.EnrichAsync(
            EnrichmentHarness.LoadPayload(
                "gitlab-19/push.json",
                ("ref", "refs/heads/feature/ABC-1-login"),
                ("commits", System.Text.Json.Nodes.JsonNode.Parse("""[{ "id": "1", "message": "ABC-1 start\n\nrefs XYZ-22" }, { "id": "2", "message": "XYZ-22 again" }]"""))),
            "Push Hook");

        Assert.Equal(["ABC-1", "XYZ-22"], record.JiraKeys);
    }
}
