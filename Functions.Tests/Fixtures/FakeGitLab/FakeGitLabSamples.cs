using System.Text.Json.Nodes;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>
/// The GitLab resources that GitLab's documented example payloads refer to — the payload fixtures and their copies in
/// <c>samples/</c> — so that each enriched kind is enriched without a 404. Shared with <c>tools/FakeGitLab</c>, which
/// serves the same data to the README walkthrough.
/// </summary>
public static class FakeGitLabSamples
{
    /// <summary>
    /// What the five enriched kinds of the payload fixtures read: merge-request.json (project 1, MR !1, head da15608),
    /// note-merge-request.json (project 5), push.json (project 15, two commits), pipeline.json (project 1, pipeline 31),
    /// issue.json (project 1, issue #23).
    /// </summary>
    public static void Seed(FakeGitLabState state)
    {
        state.AddUser(51, "author51", extra: new JsonObject { ["name"] = "Author Fifty-One" });
        state.AddUser(6, "user1", extra: new JsonObject { ["name"] = "User1" });
        foreach (var project in new long[] { 1, 5, 15 })
        {
            state.AddProject(project);
        }

        SeedMergeRequest(state, 1, 1);
        state.AddCommit(15, "b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", additions: 3, deletions: 1);
        state.AddCommit(15, "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", additions: 5, deletions: 2);
        state.AddPipeline(1, 31, new JsonObject { ["queued_duration"] = 1.5, ["duration"] = 63 });
        state.AddIssue(1, 23);
    }

    /// <summary>
    /// The lists a sync reads, for the README's "fetch now": what the samples delivered (merge request !1, issue #23,
    /// pipeline 31, the push's two commits) and one change of each kind no webhook delivered (!2, #24, pipeline 32, a commit).
    /// </summary>
    public static void SeedLists(FakeGitLabState state)
    {
        var author = new JsonObject { ["id"] = 51, ["username"] = "author51", ["name"] = "Author Fifty-One" };
        SeedMergeRequest(state, 1, 2);
        state.SetList("/projects/1/merge_requests",
        [
            MergeRequest(1, "MS-Viewport", "ms-viewport", "2013-12-03T17:23:34.000Z", author),
            MergeRequest(2, "ABC-12 Speed up the viewport", "ABC-12-speed", "2013-12-04T10:00:00.000Z", author),
        ]);
        state.SetList("/projects/1/issues",
        [
            new JsonObject { ["id"] = 301, ["iid"] = 23, ["title"] = "New API: create/update/delete file", ["state"] = "opened", ["updated_at"] = "2013-12-03T17:15:43.000Z", ["labels"] = new JsonArray(), ["assignees"] = new JsonArray(), ["author"] = author.DeepClone() },
            new JsonObject { ["id"] = 302, ["iid"] = 24, ["title"] = "ABC-20 Login fails", ["state"] = "opened", ["updated_at"] = "2013-12-06T09:00:00.000Z", ["labels"] = new JsonArray("bug"), ["assignees"] = new JsonArray(), ["author"] = author.DeepClone() },
        ]);
        state.SetList("/projects/1/pipelines",
        [
            new JsonObject { ["id"] = 31, ["status"] = "success", ["ref"] = "master", ["updated_at"] = "2013-12-03T18:00:00.000Z" },
            new JsonObject { ["id"] = 32, ["status"] = "failed", ["ref"] = "ABC-30-fix", ["updated_at"] = "2013-12-06T12:00:00.000Z" },
        ]);
        state.AddPipeline(1, 32, new JsonObject { ["status"] = "failed", ["ref"] = "ABC-30-fix", ["sha"] = "cccc", ["duration"] = 20, ["queued_duration"] = 2.0 });
        state.SetPipelineJobs(1, 32, [new JsonObject { ["name"] = "test", ["stage"] = "test", ["status"] = "failed" }]);
        state.SetList("/projects/15/repository/commits",
        [
            Commit("b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", "Update Catalan translation to e38cb41.", "2013-12-06T10:00:00Z"),
            Commit("da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "fixed readme", "2013-12-06T11:00:00Z"),
            Commit("c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00", "ABC-40 Add a cache", "2013-12-07T10:00:00Z"),
        ]);
        foreach (var (project, list) in new[] { (1, "repository/commits"), (5, "merge_requests"), (5, "issues"), (5, "pipelines"), (5, "repository/commits"), (15, "merge_requests"), (15, "issues"), (15, "pipelines") })
        {
            state.SetList($"/projects/{project}/{list}", []);
        }
    }

    private static JsonObject MergeRequest(long iid, string title, string branch, string updatedAt, JsonObject author) => new()
    {
        ["id"] = 98 + iid, ["iid"] = iid, ["project_id"] = 1, ["title"] = title, ["state"] = "opened", ["source_branch"] = branch, ["target_branch"] = "master",
        ["sha"] = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", ["created_at"] = "2013-12-03T17:23:34Z", ["updated_at"] = updatedAt, ["author"] = author.DeepClone(),
    };

    private static JsonObject Commit(string sha, string message, string committedAt) => new()
    {
        ["id"] = sha, ["title"] = message, ["message"] = message, ["author_name"] = "Jordi Mallach", ["author_email"] = "jordi@softcatala.org",
        ["committed_date"] = committedAt, ["created_at"] = committedAt, ["stats"] = new JsonObject { ["additions"] = 7, ["deletions"] = 2, ["total"] = 9 },
    };

    private static void SeedMergeRequest(FakeGitLabState state, long projectId, long iid)
    {
        state.AddMergeRequest(projectId, iid, new JsonObject
        {
            ["changes_count"] = "4",
            ["author"] = new JsonObject { ["id"] = 51, ["username"] = "author51", ["name"] = "Author Fifty-One" },
            ["created_at"] = "2013-12-03T17:23:34Z",
        });
        state.SetMergeRequestApprovals(projectId, iid, new JsonObject
        {
            ["approved_by"] = new JsonArray(new JsonObject { ["user"] = new JsonObject { ["id"] = 6, ["username"] = "user1", ["name"] = "User1" } }),
        });
        state.SetMergeRequestDiscussions(projectId, iid, Discussions(3, resolved: 1));
        state.SetMergeRequestCommits(projectId, iid, [new JsonObject { ["id"] = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7" }]);
    }

    /// <summary><paramref name="count"/> resolvable discussions, the first <paramref name="resolved"/> resolved.</summary>
    public static IEnumerable<JsonObject> Discussions(int count, int resolved) =>
        Enumerable.Range(0, count).Select(i => new JsonObject
        {
            ["id"] = $"d{i}",
            ["notes"] = new JsonArray(new JsonObject { ["id"] = i, ["system"] = false, ["resolvable"] = true, ["resolved"] = i < resolved }),
        });
}
