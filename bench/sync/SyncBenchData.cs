using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Bench.Sync;

/// <summary>
/// What the fake GitLab holds: <see cref="SyncBenchOptions.Projects"/> projects (ids from 1001) sharing the merge
/// requests, issues, pipelines and default-branch commits evenly, each merge request with the resources its enrichment
/// reads (approvals, discussions, commits), each pipeline with its jobs; and project 1, whose merge requests the webhook
/// stream updates during the run.
/// </summary>
internal static class SyncBenchData
{
    public const long WebhookProject = 1;
    private const int WebhookMergeRequests = 25;
    private static readonly DateTimeOffset Since = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static string SinceText => Since.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static void Seed(FakeGitLabState state, SyncBenchOptions options)
    {
        state.AddUser(51, "author51");
        state.AddUser(6, "user1");
        var author = new JsonObject { ["id"] = 51, ["username"] = "author51", ["name"] = "Author Fifty-One" };
        for (var p = 0; p < options.Projects; p++)
        {
            var id = 1001L + p;
            var path = $"bench/project-{p:D2}";
            state.AddProject(id, new JsonObject { ["id"] = id, ["path_with_namespace"] = path, ["web_url"] = $"https://gitlab.example.com/{path}", ["default_branch"] = "main" });
            var mergeRequests = new List<JsonObject>();
            foreach (var iid in Share(options.MergeRequests, options.Projects, p))
            {
                var updated = Stamp(iid);
                mergeRequests.Add(new JsonObject
                {
                    ["id"] = id * 100_000 + iid, ["iid"] = iid, ["project_id"] = id, ["title"] = $"ABC-{iid} Change {iid}", ["state"] = "merged",
                    ["source_branch"] = $"feature/ABC-{iid}", ["target_branch"] = "main", ["sha"] = iid.ToString("x40", CultureInfo.InvariantCulture),
                    ["created_at"] = updated, ["updated_at"] = updated, ["merged_at"] = updated, ["author"] = author.DeepClone(),
                    ["web_url"] = $"https://gitlab.example.com/{path}/-/merge_requests/{iid}",
                });
                state.AddMergeRequest(id, iid, new JsonObject { ["changes_count"] = "3", ["author"] = author.DeepClone() });
                state.SetMergeRequestApprovals(id, iid, new JsonObject { ["approved_by"] = new JsonArray(new JsonObject { ["user"] = new JsonObject { ["id"] = 6, ["username"] = "user1", ["name"] = "User1" } }) });
                state.SetMergeRequestDiscussions(id, iid, [new JsonObject { ["id"] = "d1", ["notes"] = new JsonArray(new JsonObject { ["id"] = 1, ["resolvable"] = true, ["resolved"] = true }) }]);
                state.SetMergeRequestCommits(id, iid, [new JsonObject { ["id"] = iid.ToString("x40", CultureInfo.InvariantCulture) }]);
            }

            state.SetList($"/projects/{id}/merge_requests", mergeRequests);
            state.SetList($"/projects/{id}/issues", [.. Share(options.Issues, options.Projects, p).Select(iid => new JsonObject
            {
                ["id"] = id * 100_000 + iid, ["iid"] = iid, ["project_id"] = id, ["title"] = $"ABC-{iid} Issue {iid}", ["state"] = "opened",
                ["updated_at"] = Stamp(iid), ["labels"] = new JsonArray("bug"), ["assignees"] = new JsonArray(), ["author"] = author.DeepClone(),
                ["time_stats"] = new JsonObject { ["time_estimate"] = 3600, ["total_time_spent"] = 0 },
            })]);
            var pipelines = new List<JsonObject>();
            foreach (var n in Share(options.Pipelines, options.Projects, p))
            {
                pipelines.Add(new JsonObject { ["id"] = id * 100_000 + n, ["status"] = "success", ["ref"] = "main", ["updated_at"] = Stamp(n) });
                state.AddPipeline(id, id * 100_000 + n, new JsonObject { ["status"] = "success", ["ref"] = "main", ["sha"] = n.ToString("x40", CultureInfo.InvariantCulture), ["duration"] = 60, ["queued_duration"] = 2.0 });
                state.SetPipelineJobs(id, id * 100_000 + n, []);
            }

            state.SetList($"/projects/{id}/pipelines", pipelines);
            state.SetList($"/projects/{id}/repository/commits", [.. Share(options.Commits, options.Projects, p).Select(n => new JsonObject
            {
                ["id"] = (id * 1_000_000 + n).ToString("x40", CultureInfo.InvariantCulture), ["title"] = $"ABC-{n} Commit {n}", ["message"] = $"ABC-{n} Commit {n}",
                ["author_name"] = "Author", ["author_email"] = "author@example.com", ["committed_date"] = Stamp(n), ["created_at"] = Stamp(n),
                ["stats"] = new JsonObject { ["additions"] = 3, ["deletions"] = 1, ["total"] = 4 },
            })]);
        }

        // The webhook stream's project is not a member project, so the sync does not list it.
        for (var iid = 1; iid <= WebhookMergeRequests; iid++)
        {
            state.AddMergeRequest(WebhookProject, iid, new JsonObject { ["changes_count"] = "4", ["author"] = author.DeepClone() });
            state.SetMergeRequestApprovals(WebhookProject, iid, new JsonObject { ["approved_by"] = new JsonArray() });
            state.SetMergeRequestDiscussions(WebhookProject, iid, []);
            state.SetMergeRequestCommits(WebhookProject, iid, []);
        }
    }

    /// <summary>A merge request webhook for project 1, made distinct by <paramref name="n"/>, received now.</summary>
    public static (string EventId, string Text) Webhook(string connectionId, string phase, int n)
    {
        var payload = JsonNode.Parse(PayloadFixtures.Read("merge-request.json"))!.AsObject();
        var attributes = payload["object_attributes"]!.AsObject();
        var iid = 1 + (n % WebhookMergeRequests);
        attributes["iid"] = iid;
        attributes["id"] = 1000 + iid;
        attributes["target_project_id"] = WebhookProject;
        attributes["updated_at"] = DateTimeOffset.UtcNow.AddSeconds(n).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        payload["project"]!["id"] = WebhookProject;
        var eventId = $"bench-{phase}-{n:D5}";
        var envelope = new EventEnvelope
        {
            EventId = eventId,
            DedupeKey = eventId,
            ConnectionId = connectionId,
            EventName = "Merge Request Hook",
            ObjectKind = "merge_request",
            ReceivedAt = DateTimeOffset.UtcNow,
            IdempotencyKey = eventId,
            CorrelationId = eventId,
            Payload = JsonSerializer.SerializeToElement(payload),
        };
        return (eventId, JsonSerializer.Serialize(envelope));
    }

    /// <summary>The items numbered 1.. that project <paramref name="p"/> of <paramref name="projects"/> holds out of <paramref name="total"/>.</summary>
    private static IEnumerable<int> Share(int total, int projects, int p) =>
        Enumerable.Range(1, total / projects + (p < total % projects ? 1 : 0));

    private static string Stamp(int n) => Since.AddMinutes(n).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
