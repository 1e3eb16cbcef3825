using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Enrichment;

public sealed class BoundedTtlCacheTests
{
    [Fact]
    public void Entries_expire_after_their_ttl()
    {
        var time = new FakeTimeProvider();
        var cache = new BoundedTtlCache<string, int>(time, TimeSpan.FromMinutes(5), 10);
        cache.Set("a", 1);

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(cache.TryGet("a", out var value));
        Assert.Equal(1, value);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Oldest_entry_goes_when_full()
    {
        var cache = new BoundedTtlCache<string, int>(new FakeTimeProvider(), TimeSpan.FromHours(1), 2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        cache.Set("a", 3);
        cache.Set("c", 4);

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(3, a);
        Assert.True(cache.TryGet("c", out _));
        Assert.Equal(2, cache.Count);
    }
}
