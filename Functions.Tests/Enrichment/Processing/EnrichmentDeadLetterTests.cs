using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Enrichment.Processing;

/// <summary>Events that keep failing end on the poison queue with their reason, and a replay processes them once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnrichmentDeadLetterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Event_failing_every_attempt_is_dead_lettered_with_its_reason_and_replay_processes_it_once()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(
            azurite,
            settings: [new("Connector:GitLab:MaxRetries", "0"), new("Connector:Queues:MaxDequeueCount", "2")],
            workers: true);
        host.GitLab.Faults.Outage = true;
        var eventId = await host.DeliverAsync("pipeline.json", "poison-1");
        var deadLetters = host.App.Get<IDeadLetters>();

        IReadOnlyList<DeadLetter> listed = [];
        await Eventually.TrueAsync(() => (listed = deadLetters.ListAsync(host.ConnectionId, 10, default).GetAwaiter().GetResult()).Count == 1, "the event on the poison queue", 60);

        var deadLetter = Assert.Single(listed);
        Assert.Equal(eventId, deadLetter.EventId);
        Assert.Contains("503", deadLetter.FailureReason, StringComparison.Ordinal);
        Assert.Equal(2, host.GitLab.Requests.Entries.Count);
        Assert.Empty(await host.PublishedAsync());
        Assert.Equal("failed", (await host.DedupeRowAsync("poison-1"))?.GetString("State"));

        host.GitLab.Faults.Outage = false;
        Assert.Equal(1, await deadLetters.ReplayAsync(host.ConnectionId, default));
        await Eventually.TrueAsync(() => host.PublishedAsync().GetAwaiter().GetResult().Count == 1, "the replayed event enriched", 60);

        Assert.Equal(eventId, Assert.Single(await host.PublishedAsync()).GetProperty("eventId").GetString());
        Assert.Empty(await deadLetters.ListAsync(host.ConnectionId, 10, default));
        Assert.Equal("done", (await host.DedupeRowAsync("poison-1"))?.GetString("State"));
    }

    [Fact]
    public async Task Malformed_message_goes_straight_to_the_poison_queue()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite);
        await host.Queues.SendMessageAsync(host.EventsQueue, "{\"schema\":\"something-else\"}", null, default);

        await host.ProcessNextAsync();

        var deadLetter = Assert.Single(await host.App.Get<IDeadLetters>().ListAsync(null, 32, default), d => d.MessageId is not null && d.EventId is null && d.FailureReason!.StartsWith("malformed", StringComparison.Ordinal));
        Assert.NotNull(deadLetter);
        Assert.Equal(1, await host.QueueLengthAsync(host.EventsQueue + "-poison"));
    }
}
