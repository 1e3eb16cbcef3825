using System.Text.Json.Nodes;
using GitLabConnector.Tests.Fixtures.FakeGitLab;

namespace GitLabConnector.Tools.FakeGitLab;

/// <summary>
/// The token, and the GitLab resources the deliveries in <c>samples/</c> refer to, so that each of them is enriched
/// without a 404 (<c>partial: false</c>). GitLab's documented examples do not agree with each other on ids; each
/// sample is served what it names.
/// </summary>
internal static class SampleData
{
    public const string Token = "local-walkthrough-token";

    public static void Seed(FakeGitLabState state, TimeProvider time)
    {
        var expiresAt = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(90));
        state.AddPersonalToken(Token, 1, "root", expiresAt, "read_api", "api");
        state.AddUser(1, "root", extra: new JsonObject { ["name"] = "Administrator" });
        state.AddUser(51, "user1", extra: new JsonObject { ["name"] = "User1" });

        SeedMergeRequest(state);
        SeedPush(state);
        SeedNote(state);
        SeedPipeline(state);
        SeedIssue(state);
    }

    /// <summary>merge-request.json: project 1, merge request !1 by user 51; the enricher reads the MR, its approvals, discussions and commits.</summary>
    private static void SeedMergeRequest(FakeGitLabState state)
    {
        state.AddProject(1, new JsonObject { ["path_with_namespace"] = "gitlabhq/gitlab-test", ["web_url"] = "http://example.com/gitlabhq/gitlab-test" });
        state.AddMergeRequest(1, 1, new JsonObject { ["title"] = "MS-Viewport", ["state"] = "opened", ["changes_count"] = "3" });
        state.SetMergeRequestApprovals(1, 1, new JsonObject { ["approved_by"] = new JsonArray(new JsonObject { ["user"] = new JsonObject { ["id"] = 6, ["username"] = "user1", ["name"] = "User1" } }) });
        state.SetMergeRequestDiscussions(1, 1, [new JsonObject { ["id"] = "d1", ["notes"] = new JsonArray(new JsonObject { ["id"] = 1, ["resolvable"] = true, ["resolved"] = true }) }]);
        state.SetMergeRequestCommits(1, 1, [new JsonObject { ["id"] = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", ["title"] = "Add MS-Viewport" }]);
    }

    /// <summary>push.json: project 15 (mike/diaspora) by user 4; the enricher reads each commit's additions and deletions.</summary>
    private static void SeedPush(FakeGitLabState state)
    {
        state.AddProject(15, new JsonObject { ["path_with_namespace"] = "mike/diaspora", ["web_url"] = "http://example.com/mike/diaspora" });
        state.AddUser(4, "jsmith", extra: new JsonObject { ["name"] = "John Smith" });
        state.AddCommit(15, "b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", additions: 12, deletions: 3);
        state.AddCommit(15, "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", additions: 4, deletions: 1);
    }

    /// <summary>note-merge-request.json: a comment on merge request !1 of project 5; enriched from the payload alone.</summary>
    private static void SeedNote(FakeGitLabState state)
    {
        state.AddProject(5, new JsonObject { ["path_with_namespace"] = "gitlab-org/gitlab-test", ["web_url"] = "http://example.com/gitlab-org/gitlab-test" });
        state.AddMergeRequest(5, 1, new JsonObject { ["id"] = 7, ["title"] = "Tempora et eos debitis quae laborum et.", ["state"] = "opened" });
    }

    /// <summary>pipeline.json: pipeline 31 of project 1; the example predates <c>queued_duration</c>, so the enricher reads the pipeline for it.</summary>
    private static void SeedPipeline(FakeGitLabState state)
    {
        state.AddPipeline(1, 31, new JsonObject { ["iid"] = 3, ["ref"] = "master", ["sha"] = "bcbb5ec396a2c0f828686f14fac9b80b780504f2", ["status"] = "success", ["duration"] = 63, ["queued_duration"] = 2 });
        state.SetPipelineJobs(1, 31, [new JsonObject { ["id"] = 378, ["name"] = "test-build", ["stage"] = "test", ["status"] = "failed" }]);
    }

    /// <summary>issue.json: issue #23 of project 1, assigned to user 51.</summary>
    private static void SeedIssue(FakeGitLabState state) =>
        state.AddIssue(1, 23, new JsonObject { ["id"] = 301, ["title"] = "New API: create/update/delete file", ["state"] = "opened", ["assignee_ids"] = new JsonArray(51) });
}
