using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Enrichment;

public sealed class BoundedTtlCacheTests
{
    [Fact]
    public void Entries_expire_after_their_ttl()
    {
        var time = new FakeTimeProvider();
        using var cache = new BoundedTtlCache<string, int>(time, TimeSpan.FromMinutes(5), 10);
        cache.Set("a", 1);

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(cache.TryGet("a", out var value));
        Assert.Equal(1, value);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Never_holds_more_entries_than_its_capacity()
    {
        using var cache = new BoundedTtlCache<string, int>(new FakeTimeProvider(), TimeSpan.FromHours(1), 2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        cache.Set("c", 3);

        Assert.InRange(cache.Count, 1, 2);
    }

    [Fact]
    public void Setting_a_key_again_replaces_its_value()
    {
        using var cache = new BoundedTtlCache<string, int>(new FakeTimeProvider(), TimeSpan.FromHours(1), 2);
        cache.Set("a", 1);
        cache.Set("a", 3);

        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(3, a);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_zero_ttl_caches_nothing()
    {
        using var cache = new BoundedTtlCache<string, int>(new FakeTimeProvider(), TimeSpan.Zero, 2);
        cache.Set("a", 1);

        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public void RemoveWhere_drops_only_the_matching_entries()
    {
        using var cache = new BoundedTtlCache<(string Connection, long User), string?>(new FakeTimeProvider(), TimeSpan.FromHours(1), 10);
        cache.Set(("c1", 1), "a@example.com");
        cache.Set(("c1", 2), null);
        cache.Set(("c2", 1), "b@example.com");

        cache.RemoveWhere(k => k.Connection == "c1");

        Assert.False(cache.TryGet(("c1", 1), out _));
        Assert.False(cache.TryGet(("c1", 2), out _));
        Assert.True(cache.TryGet(("c2", 1), out var kept));
        Assert.Equal("b@example.com", kept);
    }
}
