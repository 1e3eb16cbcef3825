using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabConnector.Enrichment;

namespace GitLabConnector.Tests.Enrichment;

public sealed class EnrichedRecordSerializationTests
{
    [Fact]
    public void Serializes_to_the_camel_case_shape_and_omits_an_unknown_email()
    {
        var record = new EnrichedRecord
        {
            EventId = "e",
            ConnectionId = "c",
            EventName = "Issue Hook",
            Kind = "issue",
            Action = "open",
            OccurredAt = new DateTimeOffset(2026, 1, 2, 4, 4, 5, TimeSpan.FromHours(1)),
            Project = new EnrichedProject(1, "g/p", "https://gitlab.example.com/g/p"),
            Actor = new EnrichedUser(2, "u", "U", null),
            Subject = new JsonObject { ["iid"] = 3 },
            JiraKeys = ["ABC-1"],
            Partial = true,
            Errors = [new EnrichmentError("projects/1/issues/3", 404, "gone")],
            EnrichedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 6, 500, TimeSpan.Zero),
        };

        EnrichmentHarness.AssertJsonEqual("""
            {
              "schema": "gitlab-connector/enriched@1", "eventId": "e", "connectionId": "c", "eventName": "Issue Hook", "source": "webhook",
              "kind": "issue", "action": "open", "occurredAt": "2026-01-02T03:04:05Z",
              "project": { "id": 1, "path": "g/p", "webUrl": "https://gitlab.example.com/g/p" },
              "actor": { "id": 2, "username": "u", "name": "U" },
              "subject": { "iid": 3 }, "jiraKeys": [ "ABC-1" ], "partial": true,
              "errors": [ { "resource": "projects/1/issues/3", "status": 404, "message": "gone" } ],
              "correlationId": null, "enrichedAt": "2026-01-02T03:04:06.5Z"
            }
            """, EnrichmentHarness.Serialize(record));
    }

    [Fact]
    public void Round_trips_through_the_json_context()
    {
        var record = new EnrichedRecord
        {
            EventId = "e",
            ConnectionId = "c",
            EventName = "Push Hook",
            Kind = "push",
            OccurredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Subject = new JsonObject { ["ref"] = "refs/heads/main" },
            EnrichedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero),
        };

        var json = JsonSerializer.Serialize(record, EnrichmentJsonContext.Default.EnrichedRecord);
        var back = JsonSerializer.Deserialize(json, EnrichmentJsonContext.Default.EnrichedRecord)!;

        Assert.Equal(record.OccurredAt, back.OccurredAt);
        Assert.Equal("refs/heads/main", (string?)back.Subject["ref"]);
        Assert.Equal(record.Kind, back.Kind);
    }
}
