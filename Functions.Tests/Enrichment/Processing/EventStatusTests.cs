using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Enrichment.Processing;

/// <summary>Every delivery's state reads true on the events route: ignored, duplicate (with the event it duplicates), invalid, dead-lettered.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EventStatusTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_unsubscribed_event_reads_ignored()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite);
        var pushOnly = await TestConnections.CreateAsync(host.App, events: ["Push Hook"]);

        var eventId = await DeliverAsync(host, pushOnly, "Merge Request Hook", """{"object_kind":"merge_request"}""", "ignored-1", HttpStatusCode.Accepted);

        var status = await StatusAsync(host, pushOnly.Id, eventId);
        Assert.Equal("ignored", status.Status);
        Assert.Contains("Merge Request Hook", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_change_under_a_new_idempotency_key_reads_duplicate_of_the_first()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite);
        var first = await host.DeliverAsync("merge-request.json", "dup-first");
        var second = await host.DeliverAsync("merge-request.json", "dup-second");

        await host.ProcessNextAsync();
        await host.ProcessNextAsync();

        Assert.Equal("enriched", (await StatusAsync(host, host.ConnectionId, first)).Status);
        var duplicate = await StatusAsync(host, host.ConnectionId, second);
        Assert.Equal(("duplicate", first), (duplicate.Status, duplicate.DuplicateOf));
        Assert.Single(await host.PublishedAsync());
    }

    [Theory]
    [InlineData("""{"object_kind":"merge_request","project":"x"}""", "wrong type")]
    [InlineData("""{"object_kind":"merge_request","project":{"id":1,"path_with_namespace":"g/p"},"object_attributes":{"iid":1,"title":"\ud800"}}""", "lone surrogate")]
    public async Task A_payload_that_cannot_be_enriched_reads_invalid_at_its_first_attempt_and_is_never_retried(string payload, string why)
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite);
        var eventId = await DeliverAsync(host, host.Connection, "Merge Request Hook", payload, "invalid-" + why.Replace(' ', '-'), HttpStatusCode.Accepted);

        // Processing does not throw: the queue neither retries nor poisons it.
        await host.ProcessNextAsync();

        var status = await StatusAsync(host, host.ConnectionId, eventId);
        Assert.Equal("invalid", status.Status);
        Assert.False(string.IsNullOrWhiteSpace(status.Reason));
        Assert.Equal(0, await host.QueueLengthAsync(host.EventsQueue));
        Assert.Empty(await host.PublishedAsync());
    }

    [Fact]
    public async Task An_event_that_failed_its_last_attempt_reads_dead_lettered()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite, settings: [new("Connector:GitLab:MaxRetries", "0"), new("Connector:Queues:MaxDequeueCount", "2")]);
        host.GitLab.Faults.FailNext(2, 502, "/approvals");
        var eventId = await host.DeliverAsync("merge-request.json", "dead-1");
        var message = await host.ReceiveAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => host.Processor.ProcessAsync(message, default));
        Assert.Equal("failing", (await StatusAsync(host, host.ConnectionId, eventId)).Status);
        await Assert.ThrowsAnyAsync<Exception>(() => host.Processor.ProcessAsync(message with { DequeueCount = 2 }, default));

        var status = await StatusAsync(host, host.ConnectionId, eventId);
        Assert.Equal(("dead-lettered", 2L), (status.Status, status.Attempts));
    }

    [Fact]
    public async Task An_event_not_processed_yet_reads_queued()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite);
        var eventId = await host.DeliverAsync("merge-request.json", "queued-1");

        Assert.Equal("queued", (await StatusAsync(host, host.ConnectionId, eventId)).Status);
    }

    private static Task<EventStatus> StatusAsync(EnrichmentPipelineHost host, string connectionId, string eventId) =>
        host.App.Get<EventStatusQuery>().GetAsync(connectionId, eventId, default);

    private static async Task<string> DeliverAsync(EnrichmentPipelineHost host, TestConnections.Created connection, string eventName, string json, string key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/gitlab/{connection.Id}") { Content = new StringContent(json) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitlab-Event", eventName);
        request.Headers.Add("X-Gitlab-Token", connection.WebhookSecret);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await host.App.Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("eventId").GetString()!;
    }
}
