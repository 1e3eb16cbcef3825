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
