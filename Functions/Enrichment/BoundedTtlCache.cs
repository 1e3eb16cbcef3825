namespace GitLabConnector.Enrichment;

/// <summary>
/// A small thread-safe cache with a time-to-live and a size bound; when full, the oldest entry goes first.
/// Enough for per-connection user and merge-request facts without pulling in a caching package.
/// </summary>
public sealed class BoundedTtlCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, (TValue Value, DateTimeOffset ExpiresAt, LinkedListNode<TKey> Node)> _entries = [];
    private readonly LinkedList<TKey> _order = new();
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly int _capacity;

    public BoundedTtlCache(TimeProvider time, TimeSpan ttl, int capacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _ttl = ttl;
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.ExpiresAt > _time.GetUtcNow())
                {
                    value = entry.Value;
                    return true;
                }

                Remove(key, entry.Node);
            }
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                Remove(key, existing.Node);
            }

            while (_entries.Count >= _capacity && _order.First is { } oldest)
            {
                Remove(oldest.Value, oldest);
            }

            var node = _order.AddLast(key);
            _entries[key] = (value, _time.GetUtcNow() + _ttl, node);
        }
    }

    private void Remove(TKey key, LinkedListNode<TKey> node)
    {
        _entries.Remove(key);
        _order.Remove(node);
    }
}
