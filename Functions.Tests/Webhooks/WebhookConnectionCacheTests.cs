using System.Net;
using GitLabConnector.Connections;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Disconnect takes effect at once on the instance that made it, and within the cache TTL on every other.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookConnectionCacheTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Disconnect_made_by_this_instance_is_refused_immediately_after_invalidation()
    {
        var (host, _, queue) = await FakeClockHost.StartAsync(azurite, new KeyValuePair<string, string?>("Connector:ConnectionCacheTtl", "00:10:00"));
        await using var _ = host;
        var connection = await TestConnections.CreateAsync(host);
        await AssertStatusAsync(host, connection, HttpStatusCode.Accepted);

        await DisconnectAsync(host, connection.Id);
        host.Get<ConnectionCache>().Invalidate(connection.Id);

        await AssertStatusAsync(host, connection, HttpStatusCode.NotFound);
        Assert.Single(await QueuedEvents.PeekAsync(azurite, queue));
    }

    [Fact]
    public async Task Disconnect_made_by_another_instance_is_seen_once_the_cache_ttl_has_passed()
    {
        var (host, clock, queue) = await FakeClockHost.StartAsync(azurite, new KeyValuePair<string, string?>("Connector:ConnectionCacheTtl", "00:00:30"));
        await using var _ = host;
        var connection = await TestConnections.CreateAsync(host);
        await AssertStatusAsync(host, connection, HttpStatusCode.Accepted);

        // Another instance writes the registry directly; this one is not told.
        using (var table = azurite.CreateStorageServices())
        {
            var other = new TableConnectionStore(table.GetRequiredService<Azure.Data.Tables.TableServiceClient>());
            await DisconnectAsync(other, connection.Id);
        }

        clock.Advance(TimeSpan.FromSeconds(29));
        await AssertStatusAsync(host, connection, HttpStatusCode.Accepted);

        clock.Advance(TimeSpan.FromSeconds(2));
        await AssertStatusAsync(host, connection, HttpStatusCode.NotFound);
        Assert.Equal(2, (await QueuedEvents.PeekAsync(azurite, queue)).Count);
    }

    private static Task DisconnectAsync(ConnectorAppHost host, string id) => DisconnectAsync(host.Get<IConnectionStore>(), id);

    private static async Task DisconnectAsync(IConnectionStore store, string id)
    {
        var current = await store.GetAsync(id, default);
        await store.UpdateAsync(current! with { Status = ConnectionStatus.Disconnected }, default);
    }

    private static async Task AssertStatusAsync(ConnectorAppHost host, TestConnections.Created connection, HttpStatusCode expected)
    {
        using var request = WebhookRequests.Push(connection);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }
}
