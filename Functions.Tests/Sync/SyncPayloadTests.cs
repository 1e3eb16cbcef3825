using System.Text.Json;
using GitLabConnector.Sync;
using GitLabConnector.Tests.Enrichment;

namespace GitLabConnector.Tests.Sync;

/// <summary>REST list items shaped like their webhook payloads give the subjects webhooks give, with no extra GitLab call.</summary>
public sealed class SyncPayloadTests
{
    private static readonly SyncProject Project = new(5, "group/project", "https://gitlab.example.com/group/project");

    [Fact]
    public async Task A_listed_commit_with_stats_becomes_a_commit_subject()
    {
        var harness = new EnrichmentHarness();
        var item = EnrichmentHarness.Json("""{"id":"abc123","title":"ABC-7 Add cache","message":"ABC-7 Add cache\n\nbody","author_name":"Ann","author_email":"ann@example.com","committed_date":"2026-11-02T10:00:00.000+01:00","created_at":"2026-11-02T10:00:00.000+01:00","stats":{"additions":4,"deletions":1,"total":5}}""");

        var record = await harness.EnrichAsync(Shape("commit", item), "Commit", "commit");

        var json = EnrichmentHarness.Serialize(record);
        EnrichmentHarness.AssertJsonEqual("""
            { "sha": "abc123", "title": "ABC-7 Add cache", "author": { "name": "Ann", "email": "ann@example.com" },
              "committedAt": "2026-11-02T09:00:00Z", "additions": 4, "deletions": 1 }
            """, json["subject"]);
        Assert.Equal(("ABC-7", 5L), ((string?)json["jiraKeys"]![0], (long?)json["project"]!["id"]));
        Assert.Equal(0, harness.GitLabCalls);
    }

    [Fact]
    public async Task A_listed_issue_gives_labels_assignees_time_stats_and_its_author_as_actor()
    {
        var harness = new EnrichmentHarness();
        var item = EnrichmentHarness.Json("""
            {"id":302,"iid":24,"title":"ABC-20 Broken login","state":"opened","updated_at":"2026-11-03T00:00:00Z","labels":["bug","ui"],
             "author":{"id":51,"username":"author51","name":"Author"},"assignees":[{"id":6,"username":"user1","name":"User1"}],
             "time_stats":{"time_estimate":3600,"total_time_spent":600},"web_url":"https://gitlab.example.com/group/project/-/issues/24"}
            """);

        var record = await harness.EnrichAsync(Shape("issue", item), "Issue Hook", "issue");

        var json = EnrichmentHarness.Serialize(record);
        EnrichmentHarness.AssertJsonEqual("""
            { "iid": 24, "title": "ABC-20 Broken login", "state": "opened", "action": null, "labels": [ "bug", "ui" ],
              "assignees": [ { "id": 6, "username": "user1", "name": "User1" } ], "timeStats": { "estimate": 3600, "spent": 600 } }
            """, json["subject"]);
        Assert.Equal(("author51", "2026-11-03T00:00:00Z"), ((string?)json["actor"]!["username"], (string?)json["occurredAt"]));
    }

    private static JsonElement Shape(string kind, JsonElement item) =>
        JsonSerializer.SerializeToElement(SyncPayload.Shape(kind, item, Project));
}
