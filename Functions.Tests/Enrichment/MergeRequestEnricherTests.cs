using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitLabConnector.Tests.Enrichment;

public sealed class MergeRequestEnricherTests
{
    private const string Payload = "gitlab-19/merge-request.json";
    private const long ProjectId = 2;
    private const long Iid = 16;

    private static readonly string MergeRequestJson = """
        { "id": 93, "iid": 16, "project_id": 2, "state": "opened", "created_at": "2026-01-16T05:56:22.000Z",
          "merged_at": null, "changes_count": "3", "web_url": "http://gitlab.example.com/flightjs/flight-management/-/merge_requests/16",
          "author": { "id": 1, "username": "agarcia", "name": "Alex Garcia" },
          "reviewers": [ { "id": 25, "username": "sjones", "name": "Sidney Jones" } ] }
        """;

    private static readonly string ApprovalsJson = """
        { "approved": true, "approvals_required": 0, "approvals_left": 0,
          "approved_by": [ { "user": { "id": 30, "username": "klee", "name": "Kim Lee", "avatar_url": "http://x" } } ] }
        """;

    private static readonly string DiscussionsJson = """
        [
          { "id": "a", "individual_note": true, "notes": [ { "id": 1, "type": null, "system": true, "body": "added 2 commits", "resolvable": false } ] },
          { "id": "b", "individual_note": false, "notes": [
              { "id": 2, "type": "DiffNote", "system": false, "resolvable": true, "resolved": false },
              { "id": 3, "type": "DiffNote", "system": false, "resolvable": true, "resolved": false } ] },
          { "id": "c", "individual_note": false, "notes": [ { "id": 4, "type": "DiscussionNote", "system": false, "resolvable": true, "resolved": true } ] },
          { "id": "d", "individual_note": true, "notes": [ { "id": 5, "type": null, "system": false, "resolvable": false } ] }
        ]
        """;

    private static readonly string CommitsJson = """
        [ { "id": "e59094b8de0f2f91abbe4760a52d9137260252d8", "title": "Add email format validation" },
          { "id": "1111111111111111111111111111111111111111", "title": "Add phone validation" } ]
        """;

    private static EnrichmentHarness Harness()
    {
        var harness = new EnrichmentHarness();
        var gitLab = harness.GitLab;
        var connection = EnrichmentHarness.Connection;
        gitLab.GetMergeRequestAsync(connection, ProjectId, Iid, Arg.Any<CancellationToken>()).Returns(EnrichmentHarness.Json(MergeRequestJson));
        gitLab.GetMergeRequestApprovalsAsync(connection, ProjectId, Iid, Arg.Any<CancellationToken>()).Returns(EnrichmentHarness.Json(ApprovalsJson));
        gitLab.GetMergeRequestDiscussionsAsync(connection, ProjectId, Iid, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(EnrichmentHarness.JsonList(DiscussionsJson));
        gitLab.GetMergeRequestCommitsAsync(connection, ProjectId, Iid, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(EnrichmentHarness.JsonList(CommitsJson));
        harness.EmailMap.Emails[25] = "sidney.jones@corp.example";
        return harness;
    }

    [Fact]
    public async Task Enriches_merge_request_field_by_field()
    {
        var harness = Harness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload(Payload), "Merge Request Hook");

        EnrichmentHarness.AssertJsonEqual("""
            {
              "schema": "gitlab-connector/enriched@1",
              "eventId": "evt-1",
              "connectionId": "conn-1",
              "eventName": "Merge Request Hook",
              "source": "webhook",
              "kind": "merge_request",
              "action": "open",
              "occurredAt": "2026-01-16T05:56:26Z",
              "project": { "id": 2, "path": "flightjs/flight-management", "webUrl": "http://gitlab.example.com/flightjs/flight-management" },
              "actor": { "id": 1, "username": "agarcia", "name": "Alex Garcia", "email": "agarcia@example.com" },
              "subject": {
                "iid": 16,
                "title": "Add input validation to booking form",
                "state": "opened",
                "action": "open",
                "webUrl": "http://gitlab.example.com/flightjs/flight-management/-/merge_requests/16",
                "sourceBranch": "feature/booking-validation",
                "targetBranch": "main",
                "author": { "id": 1, "username": "agarcia", "name": "Alex Garcia", "email": "agarcia@example.com" },
                "reviewers": [ { "id": 25, "username": "sjones", "name": "Sidney Jones", "email": "sidney.jones@corp.example" } ],
                "approvedBy": [ { "id": 30, "username": "klee", "name": "Kim Lee" } ],
                "createdAt": "2026-01-16T05:56:22Z",
                "mergedAt": null,
                "timeToMerge": null,
                "changesCount": 3,
                "commitsCount": 2,
                "discussions": { "total": 3, "resolvable": 2, "resolved": 1 }
              },
              "jiraKeys": [],
              "partial": false,
              "errors": [],
              "correlationId": "corr-1",
              "enrichedAt": "2026-11-22T10:00:00Z"
            }
            """, EnrichmentHarness.Serialize(record));
    }

    [Fact]
    public async Task First_event_for_a_head_costs_four_calls_and_later_events_at_most_three()
    {
        var harness = Harness();
        var payload = EnrichmentHarness.LoadPayload(Payload);

        await harness.EnrichAsync(payload, "Merge Request Hook");
        Assert.Equal(4, harness.GitLabCalls);
        harness.GitLab.ClearReceivedCalls();

        var record = await harness.EnrichAsync(payload, "Merge Request Hook");

        Assert.True(harness.GitLabCalls <= 3, $"{harness.GitLabCalls} GitLab calls with warm caches");
        await harness.GitLab.DidNotReceiveWithAnyArgs().GetUserAsync(default!, default, default);
        await harness.GitLab.DidNotReceiveWithAnyArgs().GetMergeRequestCommitsAsync(default!, default, default, default, default);
        await harness.GitLab.Received(1).GetMergeRequestApprovalsAsync(EnrichmentHarness.Connection, ProjectId, Iid, Arg.Any<CancellationToken>());
        await harness.GitLab.Received(1).GetMergeRequestDiscussionsAsync(EnrichmentHarness.Connection, ProjectId, Iid, Arg.Any<int>(), Arg.Any<CancellationToken>());
        Assert.Equal(3, (int)record.Subject["changesCount"]!);
        Assert.Equal(2, (int)record.Subject["commitsCount"]!);
    }

    [Fact]
    public async Task New_head_commit_reads_changes_and_commits_again()
    {
        var harness = Harness();
        await harness.EnrichAsync(EnrichmentHarness.LoadPayload(Payload), "Merge Request Hook");
        harness.GitLab.ClearReceivedCalls();

        await harness.EnrichAsync(
            EnrichmentHarness.LoadPayload(Payload, ("object_attributes.last_commit.id", "2222222222222222222222222222222222222222")),
            "Merge Request Hook");

        await harness.GitLab.Received(1).GetMergeRequestAsync(EnrichmentHarness.Connection, ProjectId, Iid, Arg.Any<CancellationToken>());
        await harness.GitLab.Received(1).GetMergeRequestCommitsAsync(EnrichmentHarness.Connection, ProjectId, Iid, Arg.Any<int>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Author_other_than_actor_comes_from_the_merge_request_and_is_then_cached()
    {
        var harness = Harness();
        harness.GitLab.GetMergeRequestAsync(EnrichmentHarness.Connection, 1, 1, Arg.Any<CancellationToken>()).Returns(EnrichmentHarness.Json("""
            { "iid": 1, "changes_count": "1000+", "author": { "id": 51, "username": "dev51", "name": "Dev Fifty-One" }, "reviewers": [] }
            """));
        harness.GitLab.GetMergeRequestApprovalsAsync(EnrichmentHarness.Connection, 1, 1, Arg.Any<CancellationToken>()).Returns(EnrichmentHarness.Json("""{ "approved_by": [] }"""));
        harness.GitLab.GetMergeRequestDiscussionsAsync(EnrichmentHarness.Connection, 1, 1, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);
        harness.GitLab.GetMergeRequestCommitsAsync(EnrichmentHarness.Connection, 1, 1, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(EnrichmentHarness.JsonList("[{}]"));

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("merge-request.json"), "Merge Request Hook");

        EnrichmentHarness.AssertJsonEqual("""{ "id": 51, "username": "dev51", "name": "Dev Fifty-One" }""", record.Subject["author"]);
        EnrichmentHarness.AssertJsonEqual("""[{ "id": 6, "username": "user1", "name": "User1" }]""", record.Subject["reviewers"]);
        Assert.Equal(1000, (int)record.Subject["changesCount"]!);
        Assert.True(harness.Users.IsKnown("conn-1", 51));
        await harness.GitLab.DidNotReceiveWithAnyArgs().GetUserAsync(default!, default, default);
    }

    [Fact]
    public async Task Merged_request_without_merged_at_in_the_payload_reads_it_and_computes_time_to_merge()
    {
        var harness = Harness();
        harness.GitLab.GetMergeRequestAsync(EnrichmentHarness.Connection, ProjectId, Iid, Arg.Any<CancellationToken>()).Returns(EnrichmentHarness.Json("""
            { "iid": 16, "changes_count": "3", "merged_at": "2026-01-17T07:56:22.000Z", "author": { "id": 1, "username": "agarcia", "name": "Alex Garcia" } }
            """));

        var record = await harness.EnrichAsync(
            EnrichmentHarness.LoadPayload(Payload, ("object_attributes.state", "merged"), ("object_attributes.action", "merge"), ("object_attributes.merged_at", null)),
            "Merge Request Hook");

        Assert.Equal("2026-01-17T07:56:22Z", (string?)record.Subject["mergedAt"]);
        Assert.Equal(26L * 3600, (long)record.Subject["timeToMerge"]!);
    }

    [Fact]
    public async Task Jira_keys_come_from_branch_title_and_last_commit_message()
    {
        var harness = Harness();

        var record = await harness.EnrichAsync(
            EnrichmentHarness.LoadPayload(
                Payload,
                ("object_attributes.source_branch", "feature/PAY-12-booking"),
                ("object_attributes.title", "PAY-12: validate OPS-7 input (UTF-8)"),
                ("object_attributes.last_commit.message", "Fix CORE-1 and PAY-12")),
            "Merge Request Hook");

        Assert.Equal(["PAY-12", "OPS-7", "CORE-1"], record.JiraKeys);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(403)]
    public async Task Unreadable_approvals_make_the_record_partial_and_keep_other_fields(int status)
    {
        var harness = Harness();
        harness.GitLab.GetMergeRequestApprovalsAsync(EnrichmentHarness.Connection, ProjectId, Iid, Arg.Any<CancellationToken>())
            .ThrowsAsync(EnrichmentHarness.Status(status));

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload(Payload), "Merge Request Hook");

        var json = EnrichmentHarness.Serialize(record);
        Assert.True((bool)json["partial"]!);
        var error = Assert.Single(record.Errors);
        Assert.Equal("projects/2/merge_requests/16/approvals", error.Resource);
        Assert.Equal(status, error.Status);
        Assert.Null(json["subject"]!["approvedBy"]);
        Assert.Equal(3, (int)json["subject"]!["changesCount"]!);
        Assert.Equal(2, (int)json["subject"]!["commitsCount"]!);
        EnrichmentHarness.AssertJsonEqual("""{ "total": 3, "resolvable": 2, "resolved": 1 }""", json["subject"]!["discussions"]);
        Assert.Equal("Add input validation to booking form", (string?)json["subject"]!["title"]);
        EnrichmentHarness.AssertJsonEqual(
            $$"""[{ "resource": "projects/2/merge_requests/16/approvals", "status": {{status}}, "message": "{{error.Message}}" }]""",
            json["errors"]);
    }

    [Fact]
    public async Task Unauthorized_propagates_unchanged()
    {
        var harness = Harness();
        var unauthorized = new GitLabUnauthorizedException();
        harness.GitLab.GetMergeRequestDiscussionsAsync(EnrichmentHarness.Connection, ProjectId, Iid, Arg.Any<int>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(unauthorized);

        var thrown = await Assert.ThrowsAsync<GitLabUnauthorizedException>(() => harness.EnrichAsync(EnrichmentHarness.LoadPayload(Payload), "Merge Request Hook"));

        Assert.Same(unauthorized, thrown);
    }

    [Fact]
    public async Task Transient_failure_propagates_unchanged()
    {
        var harness = Harness();
        var transient = new GitLabApiException(503, "Service Unavailable");
        harness.GitLab.GetMergeRequestCommitsAsync(EnrichmentHarness.Connection, ProjectId, Iid, Arg.Any<int>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(transient);

        var thrown = await Assert.ThrowsAsync<GitLabApiException>(() => harness.EnrichAsync(EnrichmentHarness.LoadPayload(Payload), "Merge Request Hook"));

        Assert.Same(transient, thrown);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("1000+", 1000)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Reads_changes_count_sent_as_a_string(string? value, int? expected) =>
        Assert.Equal(expected, MergeRequestEnricher.ParseChangesCount(value));

    [Fact]
    public void Discussion_counts_skip_system_notes()
    {
        var counts = MergeRequestEnricher.DiscussionCounts(EnrichmentHarness.JsonList(DiscussionsJson));

        EnrichmentHarness.AssertJsonEqual("""{ "total": 3, "resolvable": 2, "resolved": 1 }""", counts);
    }
}
