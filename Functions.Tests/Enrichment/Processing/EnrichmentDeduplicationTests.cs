using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Enrichment.Processing;

/// <summary>Each event is enriched and published once, however often or through however many hooks it arrives.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnrichmentDeduplicationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Redelivery_with_the_same_Idempotency_Key_is_processed_once()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite);
        var eventId = await host.DeliverAsync("issue.json", "same-key-1");
        Assert.Equal(eventId, await host.DeliverAsync("issue.json", "same-key-1"));

        await host.ProcessNextAsync();
        var callsAfterFirst = host.GitLab.Requests.Entries.Count;
        await host.ProcessNextAsync();

        Assert.Single(await host.PublishedAsync());
        Assert.Equal(callsAfterFirst, host.GitLab.Requests.Entries.Count);
        Assert.Equal(1, await host.App.Get<EnrichedRecordStore>().CountAsync(host.ConnectionId, default));
    }

    [Fact]
    public async Task Concurrent_copies_of_one_delivery_publish_once()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite);
        for (var i = 0; i < 4; i++)
        {
            await host.DeliverAsync("merge-request.json", "same-key-2");
        }

        var messages = new List<EnrichmentMessage>();
        for (var i = 0; i < 4; i++)
        {
            messages.Add(await host.ReceiveAsync());
        }

        await Task.WhenAll(messages.Select(m => Task.Run(() => host.Processor.ProcessAsync(m, default))));

        Assert.Single(await host.PublishedAsync());
        Assert.Equal("done", (await host.DedupeRowAsync("same-key-2"))?.GetString("State"));
    }

    [Fact]
    public async Task Same_change_from_a_project_hook_and_a_group_hook_is_processed_once()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite);
        var fromProjectHook = await host.DeliverAsync("merge-request.json", "project-hook-delivery");
        var fromGroupHook = await host.DeliverAsync("merge-request.json", "group-hook-delivery");
        Assert.NotEqual(fromProjectHook, fromGroupHook);

        await host.ProcessNextAsync();
        await host.ProcessNextAsync();

        var published = Assert.Single(await host.PublishedAsync());
        Assert.Equal(fromProjectHook, published.GetProperty("eventId").GetString());
        var duplicate = await host.DedupeRowAsync("group-hook-delivery");
        Assert.Equal("done", duplicate?.GetString("State"));
        Assert.Equal($"duplicate of {fromProjectHook}", duplicate?.GetString("Note"));
        Assert.Null(await host.StoredRecordAsync(fromGroupHook));
    }

    [Fact]
    public async Task A_later_change_to_the_same_merge_request_is_not_a_duplicate()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite);
        await host.DeliverAsync("merge-request.json", "change-1");
        await host.DeliverAsync("merge-request.json", "change-2", p => p["object_attributes"]!["updated_at"] = "2013-12-03T18:00:00Z");

        await host.ProcessNextAsync();
        await host.ProcessNextAsync();

        Assert.Equal(2, (await host.PublishedAsync()).Count);
    }

    [Fact]
    public async Task Claim_left_by_a_crashed_worker_is_taken_over_after_the_lease_and_processed_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite, services: s => s.AddSingleton<TimeProvider>(clock));
        var eventId = await host.DeliverAsync("pipeline.json", "crash-1");
        var message = await host.ReceiveAsync();

        // A worker claimed the event through another copy of it, then died before finishing.
        var dedupe = host.App.Get<DedupeStore>();
        var dead = await dedupe.TryClaimAsync(host.ConnectionId, "crash-1", eventId, "message-of-a-dead-worker", default);
        Assert.Equal(ClaimOutcome.Claimed, dead.Outcome);

        var queuedBefore = await host.Queues.GetApproximateMessageCountAsync(host.EventsQueue, default);
        await host.Processor.ProcessAsync(message, default);
        Assert.Empty(await host.PublishedAsync());
        Assert.Empty(host.GitLab.Requests.Entries);

        // Not dropped: a copy is queued to re-check the event once the live-looking claim lapses.
        Assert.Equal(queuedBefore + 1, await host.Queues.GetApproximateMessageCountAsync(host.EventsQueue, default));

        clock.Advance(host.App.Get<DedupeStore>().Lease + TimeSpan.FromSeconds(1));
        await host.Processor.ProcessAsync(message with { DequeueCount = 2 }, default);
        await host.Processor.ProcessAsync(message with { DequeueCount = 3 }, default);

        var record = Assert.Single(await host.PublishedAsync());
        Assert.Equal(eventId, record.GetProperty("eventId").GetString());
        Assert.Equal("done", (await host.DedupeRowAsync("crash-1"))?.GetString("State"));
    }

    [Fact]
    public async Task Redelivered_message_of_a_worker_that_may_still_run_waits_for_the_lease_then_is_processed_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite, services: s => s.AddSingleton<TimeProvider>(clock));
        var eventId = await host.DeliverAsync("pipeline.json", "crash-2");
        var message = await host.ReceiveAsync();

        // The same queue message was claimed and its visibility lapsed: its worker may be dead or just slow.
        await host.App.Get<DedupeStore>().TryClaimAsync(host.ConnectionId, "crash-2", eventId, message.MessageId, default);
        await host.Processor.ProcessAsync(message with { DequeueCount = 2 }, default);
        Assert.Empty(await host.PublishedAsync());

        clock.Advance(host.App.Get<DedupeStore>().Lease + TimeSpan.FromSeconds(1));
        await host.Processor.ProcessAsync(message with { DequeueCount = 3 }, default);

        Assert.Equal(eventId, Assert.Single(await host.PublishedAsync()).GetProperty("eventId").GetString());
    }
}
