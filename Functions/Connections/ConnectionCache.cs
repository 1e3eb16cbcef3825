using System.Collections.Concurrent;
using GitLabConnector.Storage;

namespace GitLabConnector.Connections;

/// <summary>
/// Ingestion's view of the registry, so the hot path pays no table read per delivery. An unreachable registry keeps the last
/// known record serving: a storage blip must not turn authentic deliveries away. Unknown ids are remembered apart, briefly
/// and in a bounded set, so random ids neither cost a table read each time nor push real connections out.
/// </summary>
public sealed class ConnectionCache(IConnectionStore store, TimeProvider time, IOptions<ConnectionCacheOptions> options)
{
    /// <summary>A connection just made on another instance is found after this.</summary>
    public static readonly TimeSpan NegativeTtl = TimeSpan.FromSeconds(5);

    private const int MaxEntries = 10_000;
    private const int MaxMissing = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _missing = new(StringComparer.Ordinal);

    public async ValueTask<ConnectionRecord?> GetAsync(string connectionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(connectionId, out var entry) && now - entry.FetchedAt < options.Value.ConnectionCacheTtl)
        {
            return entry.Record;
        }

        if (entry is null && IsKnownMissing(connectionId, now))
        {
            return null;
        }

        ConnectionRecord? record;
        try
        {
            record = await store.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.IsUnavailable() && entry is not null)
        {
            return entry.Record;
        }

        if (record is null)
        {
            _entries.TryRemove(connectionId, out _);
            RememberMissing(connectionId, now);
        }
        else if (entry is not null || _entries.Count < MaxEntries)
        {
            _entries[connectionId] = new Entry(record, now);
        }

        return record;
    }

    /// <summary>Whether this id costs no unbudgeted table read.</summary>
    public bool IsRemembered(string connectionId) => _entries.ContainsKey(connectionId) || IsKnownMissing(connectionId, time.GetUtcNow());

    public void Invalidate(string connectionId)
    {
        _entries.TryRemove(connectionId, out _);
        _missing.TryRemove(connectionId, out _);
    }

    /// <summary>Start-up warm-up: as if a delivery had looked it up now.</summary>
    public void Prime(ConnectionRecord record)
    {
        _missing.TryRemove(record.Id, out _);
        if (_entries.Count < MaxEntries)
        {
            _entries[record.Id] = new Entry(record, time.GetUtcNow());
        }
    }

    private bool IsKnownMissing(string connectionId, DateTimeOffset now) =>
        _missing.TryGetValue(connectionId, out var since) && now - since < NegativeTtl && now - since < options.Value.ConnectionCacheTtl;

    private void RememberMissing(string connectionId, DateTimeOffset now)
    {
        if (_missing.Count >= MaxMissing)
        {
            // Only the missing set is bounded this way; real connections stay where they are.
            _missing.Clear();
        }

        _missing[connectionId] = now;
    }

    private sealed record Entry(ConnectionRecord Record, DateTimeOffset FetchedAt);
}
