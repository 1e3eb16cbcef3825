using NSubstitute;

namespace GitLabConnector.Tests.Enrichment;

public sealed class IssueEnricherTests
{
    [Fact]
    public async Task Enriches_issue_field_by_field()
    {
        var harness = new EnrichmentHarness();
        harness.EmailMap.Emails[51] = "user1@corp.example";

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/issue.json"), "Issue Hook");

        var json = EnrichmentHarness.Serialize(record);
        Assert.Equal("issue", (string?)json["kind"]);
        Assert.Equal("open", (string?)json["action"]);
        Assert.Equal("2013-12-03T17:15:43Z", (string?)json["occurredAt"]);
        EnrichmentHarness.AssertJsonEqual("""
            {
              "iid": 23,
              "title": "New API: create/update/delete file",
              "state": "opened",
              "action": "open",
              "labels": [ "API" ],
              "assignees": [ { "id": 51, "username": "user1", "name": "User1", "email": "user1@corp.example" } ],
              "timeStats": { "estimate": 0, "spent": 0 }
            }
            """, json["subject"]);
        Assert.Equal(0, harness.GitLabCalls);
    }

    [Fact]
    public async Task Work_item_is_enriched_like_an_issue()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(
            EnrichmentHarness.LoadPayload(
                "gitlab-19/issue.json",
                ("object_kind", "work_item"),
                ("object_attributes.type", "Task"),
                ("object_attributes.title", "DOC-3 write the guide"),
                ("object_attributes.time_estimate", 3600),
                ("object_attributes.total_time_spent", 1800)),
            "Issue Hook");

        Assert.Equal("work_item", record.Kind);
        EnrichmentHarness.AssertJsonEqual("""{ "estimate": 3600, "spent": 1800 }""", record.Subject["timeStats"]);
        Assert.Equal(["DOC-3"], record.JiraKeys);
    }

    [Fact]
    public async Task Assignees_known_only_by_id_are_looked_up()
    {
        var harness = new EnrichmentHarness();
        harness.GitLab.GetUserAsync(EnrichmentHarness.Connection, 51, Arg.Any<CancellationToken>())
            .Returns(EnrichmentHarness.Json("""{ "id": 51, "username": "user1", "name": "User1" }"""));

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/issue.json", ("assignees", null)), "Issue Hook");

        EnrichmentHarness.AssertJsonEqual("""[ { "id": 51, "username": "user1", "name": "User1" } ]""", record.Subject["assignees"]);
        Assert.Equal(1, harness.GitLabCalls);
    }
}
