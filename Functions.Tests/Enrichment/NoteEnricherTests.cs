using System.Text.Json.Nodes;
using NSubstitute;

namespace GitLabConnector.Tests.Enrichment;

public sealed class NoteEnricherTests
{
    [Fact]
    public async Task Enriches_merge_request_note_field_by_field_without_calling_gitlab()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/note-merge-request.json"), "Note Hook", "note");

        var json = EnrichmentHarness.Serialize(record);
        Assert.Equal("note", (string?)json["kind"]);
        Assert.Equal("create", (string?)json["action"]);
        Assert.Equal("2015-05-17T18:21:36Z", (string?)json["occurredAt"]);
        EnrichmentHarness.AssertJsonEqual("""{ "id": 5, "path": "gitlab-org/gitlab-test", "webUrl": "http://example.com/gitlab-org/gitlab-test" }""", json["project"]);
        EnrichmentHarness.AssertJsonEqual("""
            {
              "noteId": 1244,
              "noteableType": "MergeRequest",
              "noteable": { "iid": 1, "title": "Tempora et eos debitis quae laborum et.", "webUrl": "http://example.com/gitlab-org/gitlab-test/merge_requests/1" },
              "isReviewComment": false,
              "author": { "id": 1, "username": "root", "name": "Administrator", "email": "admin@example.com" },
              "body": "This MR needs work."
            }
            """, json["subject"]);
        Assert.False(record.Partial);
        Assert.Equal(0, harness.GitLabCalls);
    }

    [Theory]
    [InlineData("type", "DiffNote")]
    [InlineData("position", "{}")]
    public async Task Diff_note_on_a_merge_request_is_a_review_comment(string field, string value)
    {
        var harness = new EnrichmentHarness();
        var node = value == "{}" ? (JsonNode)new JsonObject { ["new_path"] = "README.md", ["new_line"] = 3 } : JsonValue.Create(value);

        var record = await harness.EnrichAsync(
            EnrichmentHarness.LoadPayload("gitlab-19/note-merge-request.json", ($"object_attributes.{field}", node)),
            "Note Hook");

        Assert.True((bool)record.Subject["isReviewComment"]!);
    }

    [Fact]
    public async Task Diff_note_on_a_commit_is_not_a_review_comment()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(
            EnrichmentHarness.LoadPayload("gitlab-19/note-commit.json", ("object_attributes.type", "DiffNote")),
            "Note Hook");

        Assert.False((bool)record.Subject["isReviewComment"]!);
    }

    [Fact]
    public async Task Commit_note_takes_title_from_the_first_message_line_and_url_from_the_commit()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/note-commit.json"), "Note Hook");

        EnrichmentHarness.AssertJsonEqual("""
            { "iid": null, "title": "Add submodule",
              "webUrl": "http://example.com/gitlab-org/gitlab-test/commit/cfe32cf61b73a0d5e9f13e774abde7ff789b1660" }
            """, record.Subject["noteable"]);
        Assert.Equal("Commit", (string?)record.Subject["noteableType"]);
        Assert.Equal("This is a commit comment. How does this work?", (string?)record.Subject["body"]);
    }

    [Fact]
    public async Task Issue_note_derives_the_issue_url_from_the_note_url()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/note-issue.json"), "Note Hook");

        EnrichmentHarness.AssertJsonEqual("""
            { "iid": 17, "title": "test", "webUrl": "http://example.com/gitlab-org/gitlab-test/issues/17" }
            """, record.Subject["noteable"]);
        Assert.Equal(1241, (long)record.Subject["noteId"]!);
    }

    [Fact]
    public async Task Snippet_note_uses_the_snippet_title_and_url()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/note-snippet.json"), "Note Hook");

        EnrichmentHarness.AssertJsonEqual("""
            { "iid": null, "title": "test", "webUrl": "http://example.com/gitlab-org/gitlab-test/-/snippets/53" }
            """, record.Subject["noteable"]);
    }

    [Fact]
    public async Task Author_other_than_the_payload_user_is_looked_up_once()
    {
        var harness = new EnrichmentHarness();
        harness.GitLab.GetUserAsync(EnrichmentHarness.Connection, 77, Arg.Any<CancellationToken>())
            .Returns(EnrichmentHarness.Json("""{ "id": 77, "username": "rev", "name": "Re Viewer", "public_email": "rev@example.com" }"""));
        var payload = EnrichmentHarness.LoadPayload("gitlab-19/note-merge-request.json", ("object_attributes.author_id", 77));

        await harness.EnrichAsync(payload, "Note Hook");
        var record = await harness.EnrichAsync(payload, "Note Hook");

        EnrichmentHarness.AssertJsonEqual("""{ "id": 77, "username": "rev", "name": "Re Viewer", "email": "rev@example.com" }""", record.Subject["author"]);
        await harness.GitLab.Received(1).GetUserAsync(EnrichmentHarness.Connection, 77, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Jira_keys_come_from_the_merge_request_branch_and_title()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(
            EnrichmentHarness.LoadPayload(
                "gitlab-19/note-merge-request.json",
                ("merge_request.source_branch", "bugfix/WEB-88"),
                ("merge_request.title", "WEB-88 Fix login (see WEB-90)")),
            "Note Hook");

        Assert.Equal(["WEB-88", "WEB-90"], record.JiraKeys);
    }
}
