using System.Collections.Concurrent;
using Azure;
using GitLabConnector.Hosting;
using GitLabConnector.Storage;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Connections;

/// <summary>
/// Ingestion's view of the registry: each connection (or its absence) is trusted for
/// <see cref="ConnectorOptions.ConnectionCacheTtl"/>, so the hot path pays no table read per delivery.
/// Staleness bound: a disconnect made on another instance takes effect within that TTL; this instance's own
/// changes call <see cref="Invalidate"/> and take effect at once. When the registry is unreachable, the last
/// known record keeps serving (a storage blip must not turn authentic deliveries away).
/// </summary>
public sealed class ConnectionCache(IConnectionStore store, TimeProvider time, IOptions<ConnectorOptions> options)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<ConnectionRecord?> GetAsync(string connectionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(connectionId, out var entry) && now - entry.FetchedAt < options.Value.ConnectionCacheTtl)
        {
            return entry.Record;
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

        if (_entries.Count >= MaxEntries)
        {
            // Unknown ids probed at random must not grow the cache without bound.
            _entries.Clear();
        }

        _entries[connectionId] = new Entry(record, now);
        return record;
    }

    public void Invalidate(string connectionId) => _entries.TryRemove(connectionId, out _);

    /// <summary>Caches a record just read from the registry (start-up warm-up), as if a delivery had looked it up now.</summary>
    public void Prime(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_entries.Count < MaxEntries)
        {
            _entries[record.Id] = new Entry(record, time.GetUtcNow());
        }
    }

    private sealed record Entry(ConnectionRecord? Record, DateTimeOffset FetchedAt);
}
