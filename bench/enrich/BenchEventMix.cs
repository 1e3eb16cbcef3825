using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Bench.Enrich;

/// <summary>
/// The benchmark's events: the GitLab payload fixtures for the five enriched kinds, each copy made distinct (event id,
/// content key) while merge requests cycle over <see cref="MergeRequestIids"/> so caches warm, as in a real project.
/// </summary>
internal static class BenchEventMix
{
    public const int MergeRequestIids = 25;
    public const int Pipelines = 10;

    // Out of 20 events: 8 merge requests, 4 notes, 3 pushes, 3 pipelines, 2 issues.
    private static readonly (string Kind, string Fixture, int Share)[] Mix =
    [
        ("merge_request", "merge-request.json", 8),
        ("note", "note-merge-request.json", 4),
        ("push", "push.json", 3),
        ("pipeline", "pipeline.json", 3),
        ("issue", "issue.json", 2),
    ];

    private static readonly DateTimeOffset BaseTime = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> Kinds => [.. Mix.Select(m => m.Kind)];

    /// <summary>Envelope texts for <paramref name="count"/> events, interleaved by kind; also how many of each kind.</summary>
    public static (IReadOnlyList<string> Envelopes, IReadOnlyDictionary<string, int> ByKind) Create(string connectionId, string runId, int count)
    {
        var cycle = Mix.SelectMany(m => Enumerable.Repeat(m, m.Share)).ToArray();
        var templates = Mix.ToDictionary(m => m.Kind, m => JsonNode.Parse(PayloadFixtures.Read(m.Fixture))!.AsObject());
        var envelopes = new List<string>(count);
        var byKind = Kinds.ToDictionary(k => k, _ => 0);
        var perKind = new Dictionary<string, int>(byKind);
        for (var i = 0; i < count; i++)
        {
            var (kind, fixture, _) = cycle[(i * 7) % cycle.Length];
            var n = perKind[kind]++;
            var payload = templates[kind].DeepClone().AsObject();
            Vary(kind, payload, n);
            byKind[kind]++;
            var eventId = string.Create(CultureInfo.InvariantCulture, $"bench-{runId}-{i:D5}");
            var envelope = new EventEnvelope
            {
                EventId = eventId,
                DedupeKey = eventId,
                ConnectionId = connectionId,
                EventName = PayloadFixtures.All[fixture],
                ObjectKind = payload["object_kind"]!.GetValue<string>(),
                ReceivedAt = DateTimeOffset.UtcNow,
                IdempotencyKey = eventId,
                CorrelationId = eventId,
                Payload = JsonSerializer.SerializeToElement(payload),
            };
            envelopes.Add(JsonSerializer.Serialize(envelope));
        }

        return (envelopes, byKind);
    }

    /// <summary>What the events read from GitLab: projects 1, 5, 15; merge requests !1..!25; two push commits; pipelines 31..40; issue #23.</summary>
    public static void Seed(FakeGitLabState state)
    {
        state.AddUser(51, "author51");
        state.AddUser(6, "user1");
        foreach (var project in new long[] { 1, 5, 15 })
        {
            state.AddProject(project);
        }

        for (var iid = 1; iid <= MergeRequestIids; iid++)
        {
            state.AddMergeRequest(1, iid, new JsonObject
            {
                ["changes_count"] = "4",
                ["author"] = new JsonObject { ["id"] = 51, ["username"] = "author51", ["name"] = "author51" },
            });
            state.SetMergeRequestApprovals(1, iid, new JsonObject
            {
                ["approved_by"] = new JsonArray(new JsonObject { ["user"] = new JsonObject { ["id"] = 6, ["username"] = "user1", ["name"] = "User1" } }),
            });
            state.SetMergeRequestDiscussions(1, iid, Enumerable.Range(0, 5).Select(d => new JsonObject
            {
                ["id"] = d.ToString(CultureInfo.InvariantCulture),
                ["notes"] = new JsonArray(new JsonObject { ["id"] = d, ["resolvable"] = true, ["resolved"] = d % 2 == 0 }),
            }));
            state.SetMergeRequestCommits(1, iid, [new JsonObject { ["id"] = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7" }]);
        }

        state.AddCommit(15, "b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", additions: 3, deletions: 1);
        state.AddCommit(15, "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", additions: 5, deletions: 2);
        for (var pipeline = 31; pipeline < 31 + Pipelines; pipeline++)
        {
            state.AddPipeline(1, pipeline, new JsonObject { ["queued_duration"] = 2.0, ["duration"] = 60 });
        }

        state.AddIssue(1, 23);
    }

    /// <summary>The kind a GitLab API route serves (user lookups are shared by all kinds).</summary>
    public static string KindOfRoute(string? route) => route switch
    {
        null => "other",
        _ when route.StartsWith("/projects/{id}/merge_requests/", StringComparison.Ordinal) => "merge_request",
        _ when route.StartsWith("/projects/{id}/repository/commits/", StringComparison.Ordinal) => "push",
        _ when route.StartsWith("/projects/{id}/pipelines/", StringComparison.Ordinal) => "pipeline",
        _ when route.StartsWith("/projects/{id}/issues/", StringComparison.Ordinal) => "issue",
        _ when route.StartsWith("/users/", StringComparison.Ordinal) => "user lookups",
        _ => "other",
    };

    private static void Vary(string kind, JsonObject payload, int n)
    {
        var attributes = payload["object_attributes"] as JsonObject;
        var updatedAt = BaseTime.AddSeconds(n).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        switch (kind)
        {
            case "merge_request":
                var iid = 1 + (n % MergeRequestIids);
                attributes!["iid"] = iid;
                attributes["id"] = 1000 + iid;
                attributes["updated_at"] = updatedAt;
                break;
            case "note":
                attributes!["id"] = 100_000 + n;
                attributes["updated_at"] = updatedAt;
                break;
            case "push":
                payload["after"] = n.ToString("x40", CultureInfo.InvariantCulture);
                break;
            case "pipeline":
                attributes!["id"] = 31 + (n % Pipelines);
                attributes["updated_at"] = updatedAt;
                break;
            case "issue":
                attributes!["id"] = 500_000 + n;
                attributes["updated_at"] = updatedAt;
                break;
        }
    }
}
