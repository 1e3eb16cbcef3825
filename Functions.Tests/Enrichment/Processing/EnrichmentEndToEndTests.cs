using System.Text.Json;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;
using GitLabConnector.Tests.Infra;

namespace GitLabConnector.Tests.Enrichment.Processing;

/// <summary>
/// Deliveries through the webhook endpoint, consumed by the standalone queue consumer, enriched against the fake
/// GitLab, stored and published. Field-by-field subjects are covered by the enricher unit tests; these show the path.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnrichmentEndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_enriched_kind_flows_from_webhook_to_the_enriched_queue_and_table()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite, workers: true);
        var deliveries = new Dictionary<string, string>
        {
            ["merge-request.json"] = "merge_request",
            ["note-merge-request.json"] = "note",
            ["push.json"] = "push",
            ["pipeline.json"] = "pipeline",
            ["issue.json"] = "issue",
        };
        var eventIds = new Dictionary<string, string>();
        foreach (var (fixture, kind) in deliveries)
        {
            eventIds[kind] = await host.DeliverAsync(fixture, "e2e-" + kind);
        }

        IReadOnlyList<JsonElement> published = [];
        await Eventually.TrueAsync(() => (published = host.PublishedAsync().GetAwaiter().GetResult()).Count >= deliveries.Count, "five enriched records", 60);

        Assert.Equal(deliveries.Count, published.Count);
        foreach (var (kind, eventId) in eventIds)
        {
            var record = await host.PublishedRecordAsync(eventId);
            Assert.Equal("gitlab-connector/enriched@1", record.GetProperty("schema").GetString());
            Assert.Equal(kind, record.GetProperty("kind").GetString());
            Assert.Equal(host.ConnectionId, record.GetProperty("connectionId").GetString());
            Assert.False(record.GetProperty("partial").GetBoolean(), $"{kind} is partial: {record.GetProperty("errors")}");
            Assert.Equal(JsonValueKind.Object, record.GetProperty("subject").ValueKind);

            var stored = await host.StoredRecordAsync(eventId);
            Assert.NotNull(stored);
            Assert.Equal(record.GetRawText(), stored.Value.GetRawText());
        }

        var mergeRequest = (await host.PublishedRecordAsync(eventIds["merge_request"])).GetProperty("subject");
        Assert.Equal(4, mergeRequest.GetProperty("changesCount").GetInt32());
        Assert.Equal("user1", Assert.Single(mergeRequest.GetProperty("approvedBy").EnumerateArray()).GetProperty("username").GetString());
        Assert.Equal(3, mergeRequest.GetProperty("discussions").GetProperty("total").GetInt32());
        var push = (await host.PublishedRecordAsync(eventIds["push"])).GetProperty("subject");
        Assert.Equal([3, 5], push.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("additions").GetInt32()));
        Assert.Equal(0, await host.QueueLengthAsync(host.EventsQueue + "-poison"));
        Assert.DoesNotContain(host.GitLab.Requests.Entries, r => r.Status >= 400);
    }

    [Fact]
    public void The_readme_samples_are_the_payloads_enriched_above()
    {
        var samples = Path.Combine(InfraTree.FindRepositoryRoot(), "samples");
        string[] enriched = ["issue.json", "merge-request.json", "note-merge-request.json", "pipeline.json", "push.json"];

        Assert.Equal(enriched, Directory.GetFiles(samples).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var sample in enriched)
        {
            Assert.True(PayloadFixtures.Read(sample).SequenceEqual(File.ReadAllBytes(Path.Combine(samples, sample))), sample);
        }
    }

    [Fact]
    public async Task Discussions_are_read_across_three_pages()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite);
        host.GitLab.State.SetMergeRequestDiscussions(1, 1, FakeGitLabSamples.Discussions(250, resolved: 120));
        var eventId = await host.DeliverAsync("merge-request.json", "pages-1");

        await host.ProcessNextAsync();

        var discussions = (await host.PublishedRecordAsync(eventId)).GetProperty("subject").GetProperty("discussions");
        Assert.Equal(250, discussions.GetProperty("total").GetInt32());
        Assert.Equal(250, discussions.GetProperty("resolvable").GetInt32());
        Assert.Equal(120, discussions.GetProperty("resolved").GetInt32());
        var pages = host.GitLab.Requests.To("/projects/1/merge_requests/1/discussions");
        Assert.Equal(3, pages.Count);
        Assert.Equal(["1", "2", "3"], pages.Select(p => System.Web.HttpUtility.ParseQueryString(p.Query)["page"] ?? "1").Order());
    }

    [Fact]
    public async Task A_gone_resource_makes_the_record_partial_and_is_not_retried()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite);
        host.GitLab.State.AddMergeRequest(1, 2);
        host.GitLab.State.SetMergeRequestDiscussions(1, 2, []);
        host.GitLab.State.SetMergeRequestCommits(1, 2, []);
        var eventId = await host.DeliverAsync("merge-request.json", "gone-1", p => p["object_attributes"]!["iid"] = 2);

        await host.ProcessNextAsync();

        var record = await host.PublishedRecordAsync(eventId);
        Assert.True(record.GetProperty("partial").GetBoolean());
        var error = Assert.Single(record.GetProperty("errors").EnumerateArray());
        Assert.Equal("projects/1/merge_requests/2/approvals", error.GetProperty("resource").GetString());
        Assert.Equal(404, error.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("subject").GetProperty("approvedBy").ValueKind);
        Assert.Single(host.GitLab.Requests.To("/projects/1/merge_requests/2/approvals"));
        Assert.Equal("done", (await host.DedupeRowAsync("gone-1"))?.GetString("State"));
    }
}
