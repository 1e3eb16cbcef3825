using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace GitLabConnector.Enrichment;

/// <summary>A typed <see cref="MemoryCache"/> on the injected clock: entries live <c>ttl</c>; when full, compaction drops the least recently used.</summary>
public sealed class BoundedTtlCache<TKey, TValue>(TimeProvider time, TimeSpan ttl, int capacity) : IDisposable
    where TKey : notnull
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = capacity, Clock = new Clock(time) });

    public int Count => _cache.Count;

    public bool TryGet(TKey key, out TValue value) => _cache.TryGetValue(key, out value!);

    public void Set(TKey key, TValue value)
    {
        if (ttl > TimeSpan.Zero)
        {
            _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ttl });
        }
    }

    public void Remove(TKey key) => _cache.Remove(key);

    public void RemoveWhere(Func<TKey, bool> predicate)
    {
        foreach (var key in _cache.Keys.OfType<TKey>().Where(predicate))
        {
            _cache.Remove(key);
        }
    }

    public void Dispose() => _cache.Dispose();

    private sealed class Clock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
