using GitLabConnector.Connections;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Enrichment.Processing;

/// <summary>
/// Enrichment reads the connection through the same short-TTL cache as ingestion (one table read less per event). The
/// staleness bound is the cache's: a disconnect written by another instance takes effect within ConnectionCacheTtl.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnrichmentConnectionCacheTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Disconnect_made_by_another_instance_stops_enrichment_once_the_cache_ttl_has_passed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite, services: s => s.AddSingleton<TimeProvider>(clock));
        var first = await host.DeliverAsync("issue.json", "cache-1", p => p["object_attributes"]!["updated_at"] = "2024-01-01 10:00:01 UTC");
        var second = await host.DeliverAsync("issue.json", "cache-2", p => p["object_attributes"]!["updated_at"] = "2024-01-01 10:00:02 UTC");
        var third = await host.DeliverAsync("issue.json", "cache-3", p => p["object_attributes"]!["updated_at"] = "2024-01-01 10:00:03 UTC");
        await host.ProcessNextAsync();

        // Another instance disconnects: straight to the table, so this instance's cache is not invalidated.
        var store = host.App.Get<IConnectionStore>();
        var connection = (await store.GetAsync(host.ConnectionId, default))!;
        await store.UpdateAsync(connection with { Status = ConnectionStatus.Disconnected }, default);

        await host.ProcessNextAsync();
        clock.Advance(host.App.Get<IOptions<ConnectionCacheOptions>>().Value.ConnectionCacheTtl + TimeSpan.FromSeconds(1));
        await host.ProcessNextAsync();

        var published = (await host.PublishedAsync()).Select(r => r.GetProperty("eventId").GetString()).ToList();
        Assert.Equal([first, second], published);
        Assert.Null(await host.StoredRecordAsync(third));
    }
}
