using GitLabConnector.Connections;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace GitLabConnector.Tests.Connections;

public class ConnectionCacheTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly IConnectionStore _store = Substitute.For<IConnectionStore>();
    private readonly ConnectionRecord _known = new() { Id = "known", Name = "known", GitLabUrl = new Uri("https://gitlab.example.com") };

    public ConnectionCacheTests() => _store.GetAsync("known", Arg.Any<CancellationToken>()).Returns(_known);

    private ConnectionCache Create() => new(_store, _time, Options.Create(new ConnectionCacheOptions { ConnectionCacheTtl = TimeSpan.FromMinutes(5) }));

    [Fact]
    public async Task Ten_thousand_random_ids_do_not_evict_a_known_connection()
    {
        var cache = Create();
        Assert.Same(_known, await cache.GetAsync("known", default));

        for (var i = 0; i < 10_001; i++)
        {
            Assert.Null(await cache.GetAsync($"random-{i}", default));
        }

        Assert.Same(_known, await cache.GetAsync("known", default));
        await _store.Received(1).GetAsync("known", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_missing_id_is_remembered_for_the_negative_ttl_only()
    {
        var cache = Create();
        Assert.Null(await cache.GetAsync("missing", default));
        Assert.True(cache.IsRemembered("missing"));
        Assert.Null(await cache.GetAsync("missing", default));
        await _store.Received(1).GetAsync("missing", Arg.Any<CancellationToken>());

        _time.Advance(ConnectionCache.NegativeTtl);
        Assert.False(cache.IsRemembered("missing"));
        Assert.Null(await cache.GetAsync("missing", default));
        await _store.Received(2).GetAsync("missing", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_connection_created_here_is_found_at_once_after_invalidation()
    {
        var cache = Create();
        Assert.Null(await cache.GetAsync("fresh", default));
        var created = _known with { Id = "fresh" };
        _store.GetAsync("fresh", Arg.Any<CancellationToken>()).Returns(created);

        cache.Invalidate("fresh");

        Assert.Same(created, await cache.GetAsync("fresh", default));
    }
}
