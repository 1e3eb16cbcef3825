using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabConnector.Enrichment;
using GitLabConnector.Sync;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;

namespace GitLabConnector.Tests.Sync;

/// <summary>
/// "Fetch now" against a fake GitLab that pages every list two items at a time: what no webhook delivered is published
/// once with <c>source: sync</c>; what webhooks delivered (other timestamp format, commits inside a push) is counted as
/// already known; a second sync from the watermark publishes nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SyncEndToEndTests(AzuriteFixture azurite)
{
    private const string NewCommit = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";

    [Fact]
    public async Task A_sync_publishes_exactly_what_no_webhook_delivered_a_second_sync_nothing_and_a_late_webhook_is_a_duplicate()
    {
        await using var host = await SyncTestHost.StartAsync(azurite);
        Seed(host.Pipeline.GitLab.State);
        await DeliverWebhooksAsync(host);
        host.Pipeline.GitLab.Faults.FailNext(1, 403, "/projects/5/issues");

        var syncId = await host.StartSyncAsync(new { since = "2013-12-01T00:00:00Z" });
        Assert.Equal(0, await host.WorkPagesAsync());

        var status = await host.StatusAsync(syncId);
        Assert.Equal("done", status.GetProperty("status").GetString());
        var synced = await host.PublishedAsync("sync");
        Assert.Equal(
            ["commit " + NewCommit, "issue 24", "merge_request 2", "merge_request 3", "pipeline 32"],
            synced.Select(Identity).Order(StringComparer.Ordinal));
        Assert.Equal(
            """{"projects":4,"mergeRequests":3,"issues":2,"pipelines":2,"commits":3,"published":5,"alreadyKnown":5,"skippedProjects":2}""",
            status.GetProperty("counts").GetRawText());
        Assert.Equal(4, (await host.PublishedAsync("webhook")).Count);
        Assert.All(synced, r => Assert.StartsWith("sync-", r.GetProperty("eventId").GetString(), StringComparison.Ordinal));
        Assert.Equal(["ABC-12"], Keys(synced, "merge_request 2"));
        Assert.Equal(["ABC-20"], Keys(synced, "issue 24"));
        Assert.Equal(["ABC-30"], Keys(synced, "pipeline 32"));
        Assert.Equal(["ABC-40"], Keys(synced, "commit " + NewCommit));
        var commit = synced.Single(r => Identity(r) == "commit " + NewCommit).GetProperty("subject");
        Assert.Equal((7, 2), (commit.GetProperty("additions").GetInt32(), commit.GetProperty("deletions").GetInt32()));

        var second = await host.StartSyncAsync();
        Assert.Equal(0, await host.WorkPagesAsync());
        var again = await host.StatusAsync(second);
        Assert.Equal(("done", 0, 0), (again.GetProperty("status").GetString(), again.GetProperty("counts").GetProperty("published").GetInt32(), again.GetProperty("counts").GetProperty("mergeRequests").GetInt32()));
        Assert.Equal(5, (await host.PublishedAsync("sync")).Count);

        // A late delivery of a change the sync published is that publication's duplicate.
        await host.Pipeline.DeliverAsync("merge-request.json", "hook-late", p =>
        {
            p["object_attributes"]!["id"] = 100;
            p["object_attributes"]!["iid"] = 2;
            p["object_attributes"]!["updated_at"] = "2013-12-04 10:00:00 UTC";
        });
        await host.Pipeline.ProcessNextAsync();
        Assert.Equal(4, (await host.PublishedAsync("webhook")).Count);
    }

    [Fact]
    public async Task A_sync_is_not_a_delivery_so_it_leaves_the_projects_last_event_unset()
    {
        await using var host = await SyncTestHost.StartAsync(azurite);
        Seed(host.Pipeline.GitLab.State);

        var syncId = await host.StartSyncAsync(new { since = "2013-12-01T00:00:00Z" });
        Assert.Equal(0, await host.WorkPagesAsync());

        Assert.True((await host.StatusAsync(syncId)).GetProperty("counts").GetProperty("published").GetInt32() > 0);
        var activity = host.Pipeline.App.Get<GitLabConnector.Enrichment.ProjectActivity>();
        Assert.Empty(await activity.LastEventsAsync(host.Pipeline.ConnectionId, default));
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_page_that_fails_midway_is_worked_again_and_publishes_each_item_once(int gitLabStatus)
    {
        await using var host = await SyncTestHost.StartAsync(azurite);
        Seed(host.Pipeline.GitLab.State);
        host.Pipeline.GitLab.Faults.FailNext(1, gitLabStatus, "/projects/1/pipelines/32");

        var syncId = await host.StartSyncAsync(new { since = "2013-12-01T00:00:00Z", projects = new[] { 1 }, kinds = new[] { "pipeline" } });
        Assert.Equal(1, await host.WorkPagesAsync());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await host.WorkPagesAsync());

        var status = await host.StatusAsync(syncId);
        Assert.Equal(("done", 2, 2, 0), (status.GetProperty("status").GetString(), status.GetProperty("counts").GetProperty("pipelines").GetInt32(), status.GetProperty("counts").GetProperty("published").GetInt32(), status.GetProperty("counts").GetProperty("alreadyKnown").GetInt32()));
        Assert.Equal(["pipeline 31", "pipeline 32"], (await host.PublishedAsync("sync")).Select(Identity).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_item_another_worker_still_claims_is_published_and_counted_once_its_claim_lapses()
    {
        await using var host = await SyncTestHost.StartAsync(azurite, [new("Connector:Enrichment:ClaimLease", "00:00:03")]);
        Seed(host.Pipeline.GitLab.State);
        var pipeline = JsonSerializer.SerializeToElement(SyncPayload.Shape("pipeline", JsonDocument.Parse("""{"id":32,"status":"failed"}""").RootElement, new SyncProject(1, null, null)));
        var changeKey = Assert.Single(ChangeKey.For("pipeline", pipeline));
        var held = await host.Pipeline.App.Get<DedupeStore>().TryClaimAsync(host.Pipeline.ConnectionId, changeKey, "sync-dead-worker", "m", default);
        Assert.Equal(ClaimOutcome.Claimed, held.Outcome);

        var syncId = await host.StartSyncAsync(new { since = "2013-12-01T00:00:00Z", projects = new[] { 1 }, kinds = new[] { "pipeline" } });
        Assert.Equal(0, await host.WorkPagesAsync());
        Assert.Equal("running", (await host.StatusAsync(syncId)).GetProperty("status").GetString());
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(0, await host.WorkPagesAsync());

        var counts = (await host.StatusAsync(syncId)).GetProperty("counts");
        Assert.Equal((2, 0), (counts.GetProperty("published").GetInt32(), counts.GetProperty("alreadyKnown").GetInt32()));
        Assert.Equal(["pipeline 31", "pipeline 32"], (await host.PublishedAsync("sync")).Select(Identity).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_second_sync_while_one_runs_is_409_and_a_disconnected_connection_is_409()
    {
        await using var host = await SyncTestHost.StartAsync(azurite);
        Seed(host.Pipeline.GitLab.State);
        var first = await host.StartSyncAsync();

        using (var second = await host.PostSyncAsync())
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Contains(first, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"api/connections/{host.Pipeline.ConnectionId}");
        delete.Headers.Add(GitLabConnector.Admin.AdminKeyFilter.HeaderName, ConnectorAppHost.AdminKey);
        (await host.Pipeline.App.Client.SendAsync(delete)).Dispose();
        using var afterDisconnect = await host.PostSyncAsync();
        Assert.Equal(HttpStatusCode.Conflict, afterDisconnect.StatusCode);
        Assert.Contains("connection-disconnected", await afterDisconnect.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Its queued pages find the connection gone and fail the sync instead of calling GitLab.
        await host.WorkPagesAsync();
        var status = await host.StatusAsync(first);
        Assert.Equal(("failed", "the connection was disconnected"), (status.GetProperty("status").GetString(), status.GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("current")]
    [InlineData("..%2F..")]
    public async Task A_sync_the_connection_never_started_is_404(string syncId)
    {
        await using var host = await SyncTestHost.StartAsync(azurite);
        await host.StartSyncAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/connections/{host.Pipeline.ConnectionId}/sync/{syncId}");
        request.Headers.Add(GitLabConnector.Admin.AdminKeyFilter.HeaderName, ConnectorAppHost.AdminKey);
        using var response = await host.Pipeline.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"since":"2999-01-01T00:00:00Z"}""", "since")]
    [InlineData("""{"since":"last tuesday"}""", "since")]
    [InlineData("""{"kinds":["wiki"]}""", "kinds")]
    [InlineData("""{"projects":[0]}""", "projects")]
    public async Task Bad_input_is_400_naming_the_field(string body, string field)
    {
        await using var host = await SyncTestHost.StartAsync(azurite);

        using var response = await host.PostSyncAsync(JsonNode.Parse(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.GetRawText());
    }

    /// <summary>Projects 1 (merge requests, issues, pipelines), 5 (nothing), 15 (commits) and 77 (gone: every list 404s).</summary>
    private static void Seed(FakeGitLabState state)
    {
        state.MaxPerPage = 2;
        state.AddProject(77);
        var author = SyncTestHost.Json("""{"id":51,"username":"author51","name":"Author Fifty-One"}""");
        state.SetList("/projects/1/merge_requests",
        [
            // Delivered by webhook as 2013-12-03 17:23:34 UTC: the API's milliseconds do not make it another change.
            SyncTestHost.Json("""{"id":99,"iid":1,"title":"MS-Viewport","state":"opened","source_branch":"ms-viewport","target_branch":"master","sha":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","updated_at":"2013-12-03T17:23:34.512Z","created_at":"2013-12-03T17:23:34Z","web_url":"https://gitlab.example.com/g/p/-/merge_requests/1"}"""),
            SyncTestHost.Json("""{"id":100,"iid":2,"title":"ABC-12 Speed up","state":"opened","source_branch":"speed","target_branch":"master","sha":"aaaa","updated_at":"2013-12-04T10:00:00.000Z","created_at":"2013-12-04T09:00:00Z"}"""),
            SyncTestHost.Json("""{"id":101,"iid":3,"title":"Docs","state":"merged","source_branch":"docs","target_branch":"master","sha":"bbbb","updated_at":"2013-12-05T10:00:00.000Z","created_at":"2013-12-04T09:00:00Z","merged_at":"2013-12-05T10:00:00Z"}"""),
        ]);
        state.SetList("/projects/1/merge_requests", state.List("/projects/1/merge_requests")!.Select(j => { j["author"] = author.DeepClone(); return j; }));
        state.SetList("/projects/1/issues",
        [
            SyncTestHost.Json("""{"id":301,"iid":23,"title":"New API: create/update/delete file","state":"opened","updated_at":"2013-12-03T17:15:43.000Z","labels":[],"assignees":[]}"""),
            SyncTestHost.Json("""{"id":302,"iid":24,"title":"ABC-20 Broken login","state":"opened","updated_at":"2013-12-06T00:00:00.000Z","labels":["bug"],"assignees":[],"time_stats":{"time_estimate":3600,"total_time_spent":0}}"""),
        ]);
        state.SetList("/projects/1/pipelines",
        [
            SyncTestHost.Json("""{"id":31,"status":"success","ref":"master","updated_at":"2013-12-03T18:00:00.000Z"}"""),
            SyncTestHost.Json("""{"id":32,"status":"failed","ref":"ABC-30-fix","updated_at":"2013-12-06T12:00:00.000Z"}"""),
        ]);
        state.AddPipeline(1, 32, SyncTestHost.Json("""{"status":"failed","ref":"ABC-30-fix","sha":"cccc","duration":20,"queued_duration":2}"""));
        state.SetPipelineJobs(1, 32, [SyncTestHost.Json("""{"name":"test","stage":"test","status":"failed"}""")]);
        state.SetList("/projects/1/repository/commits", []);
        foreach (var list in new[] { "merge_requests", "issues", "pipelines", "repository/commits" })
        {
            state.SetList("/projects/5/" + list, []);
        }

        state.SetList("/projects/15/merge_requests", []);
        state.SetList("/projects/15/issues", []);
        state.SetList("/projects/15/pipelines", []);
        state.SetList("/projects/15/repository/commits",
        [
            Commit("b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", "Update Catalan translation to e38cb41.", "2013-12-06T10:00:00Z"),
            Commit("da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "fixed readme", "2013-12-06T11:00:00Z"),
            Commit(NewCommit, "ABC-40 Add cache", "2013-12-07T10:00:00Z"),
        ]);
    }

    /// <summary>The merge request, issue, pipeline and push fixtures, delivered and enriched before the sync.</summary>
    private static async Task DeliverWebhooksAsync(SyncTestHost host)
    {
        await host.Pipeline.DeliverAsync("merge-request.json", "hook-mr", p => p["object_attributes"]!["updated_at"] = "2013-12-03 17:23:34 UTC");
        await host.Pipeline.DeliverAsync("issue.json", "hook-issue");
        await host.Pipeline.DeliverAsync("pipeline.json", "hook-pipeline");
        await host.Pipeline.DeliverAsync("push.json", "hook-push");
        for (var i = 0; i < 4; i++)
        {
            await host.Pipeline.ProcessNextAsync();
        }
    }

    private static JsonObject Commit(string sha, string message, string committedAt) => new()
    {
        ["id"] = sha,
        ["title"] = message,
        ["message"] = message,
        ["author_name"] = "Jordi Mallach",
        ["author_email"] = "jordi@softcatala.org",
        ["committed_date"] = committedAt,
        ["created_at"] = committedAt,
        ["stats"] = new JsonObject { ["additions"] = 7, ["deletions"] = 2, ["total"] = 9 },
    };

    private static string Identity(JsonElement record)
    {
        var subject = record.GetProperty("subject");
        var kind = record.GetProperty("kind").GetString();
        var id = kind switch
        {
            "commit" => subject.GetProperty("sha").GetString(),
            "pipeline" => subject.GetProperty("id").GetRawText(),
            _ => subject.GetProperty("iid").GetRawText(),
        };
        return $"{kind} {id}";
    }

    private static string[] Keys(IReadOnlyList<JsonElement> records, string identity) =>
        [.. records.Single(r => Identity(r) == identity).GetProperty("jiraKeys").EnumerateArray().Select(k => k.GetString()!)];
}
