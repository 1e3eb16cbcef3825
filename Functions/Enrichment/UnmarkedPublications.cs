using Microsoft.Extensions.Caching.Memory;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Events this instance published but could not mark done (storage failed after the publish). The retry of such an
/// event marks it done instead of publishing it again: the publish is known to have happened. Memory only — after a
/// restart, or on another instance, the retry republishes (delivery stays at-least-once, never lost).
/// </summary>
public sealed class UnmarkedPublications : IDisposable
{
    // Expiry and size only bound memory: an entry is removed once its event is marked done.
    private static readonly TimeSpan Remembered = TimeSpan.FromHours(1);
    private readonly MemoryCache _published = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public void Add(string connectionId, string dedupeKey) =>
        _published.Set((connectionId, dedupeKey), true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Remembered });

    public bool Contains(string connectionId, string dedupeKey) => _published.TryGetValue((connectionId, dedupeKey), out _);

    public void Remove(string connectionId, string dedupeKey) => _published.Remove((connectionId, dedupeKey));

    public void Dispose() => _published.Dispose();
}
