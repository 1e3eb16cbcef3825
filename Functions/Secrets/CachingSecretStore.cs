namespace GitLabConnector.Secrets;

/// <summary>
/// Caches reads of another <see cref="ISecretStore"/>: latest versions for <see cref="LatestTtl"/>,
/// specific versions until invalidated (their values never change). When the store is unavailable, a latest-version
/// read returns the last value seen, however old, so a Key Vault outage does not stop webhook ingestion.
/// Writes through this instance invalidate what they touch; <see cref="Invalidate"/> forces a re-read on demand.
/// </summary>
public sealed class CachingSecretStore(ISecretStore inner, TimeProvider time, ILogger<CachingSecretStore> logger) : ISecretStore, ISecretCache
{
    /// <summary>How long a latest-version read is trusted before the store is asked again (rotation by another instance shows up within it).</summary>
    public static readonly TimeSpan LatestTtl = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LatestEntry> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, string Version), StoredSecret> _versions = [];

    /// <summary>Bumped on every invalidation so a read that was in flight does not put an older answer back.</summary>
    private readonly Dictionary<string, long> _generations = new(StringComparer.Ordinal);

    public ISecretStore Inner => inner;

    public Task<StoredSecret?> GetAsync(string name, string? version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return version is null ? GetLatestAsync(name, cancellationToken) : GetVersionAsync(name, version, cancellationToken);
    }

    public async Task<StoredSecret> SetAsync(string name, string value, SecretWriteOptions? options, CancellationToken cancellationToken)
    {
        try
        {
            var created = await inner.SetAsync(name, value, options, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                MarkLatestStale(name);
                _versions[(name, created.Version)] = created;
            }

            return created;
        }
        catch (SecretStoreUnavailableException)
        {
            // The write may have reached the store before the failure: do not trust the cached latest version.
            Invalidate(name);
            throw;
        }
    }

    public async Task UpdatePropertiesAsync(string name, string version, DateTimeOffset? expiresOn, IReadOnlyDictionary<string, string>? tags, CancellationToken cancellationToken)
    {
        try
        {
            await inner.UpdatePropertiesAsync(name, version, expiresOn, tags, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Invalidate(name);
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        // Forget before and after: nothing deleted may be served, not even as an outage fallback.
        Forget(name);
        try
        {
            await inner.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Forget(name);
        }
    }

    public Task<bool> IsAvailableAsync(CancellationToken cancellationToken) => inner.IsAvailableAsync(cancellationToken);

    /// <summary>
    /// Makes the next read of <paramref name="name"/> (any version) go to the store, e.g. after GitLab rejected the cached token.
    /// The last latest value is kept only as a fallback for when the store is unavailable.
    /// </summary>
    public void Invalidate(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_lock)
        {
            MarkLatestStale(name);
            RemoveVersions(name);
        }
    }

    private async Task<StoredSecret?> GetLatestAsync(string name, CancellationToken cancellationToken)
    {
        LatestEntry? cached;
        long generation;
        lock (_lock)
        {
            _latest.TryGetValue(name, out cached);
            generation = GenerationOf(name);
        }

        var now = time.GetUtcNow();
        if (cached is { Stale: false } && now - cached.FetchedAt < LatestTtl)
        {
            return cached.Secret;
        }

        StoredSecret? fresh;
        try
        {
            fresh = await inner.GetAsync(name, null, cancellationToken).ConfigureAwait(false);
        }
        catch (SecretStoreUnavailableException e) when (cached is not null)
        {
            SecretsLog.ServingCachedSecretDuringOutage(logger, e.Status, cached.Secret.Version, name, cached.FetchedAt);
            return cached.Secret;
        }

        lock (_lock)
        {
            if (GenerationOf(name) == generation)
            {
                if (fresh is null)
                {
                    // Not caching "not found": a secret created by another instance must be visible at once.
                    _latest.Remove(name);
                }
                else
                {
                    _latest[name] = new LatestEntry(fresh, time.GetUtcNow(), Stale: false);
                    _versions[(name, fresh.Version)] = fresh;
                }
            }
        }

        return fresh;
    }

    private async Task<StoredSecret?> GetVersionAsync(string name, string version, CancellationToken cancellationToken)
    {
        long generation;
        lock (_lock)
        {
            if (_versions.TryGetValue((name, version), out var cached))
            {
                return cached;
            }

            generation = GenerationOf(name);
        }

        var fresh = await inner.GetAsync(name, version, cancellationToken).ConfigureAwait(false);
        if (fresh is not null)
        {
            lock (_lock)
            {
                if (GenerationOf(name) == generation)
                {
                    _versions[(name, version)] = fresh;
                }
            }
        }

        return fresh;
    }

    private void Forget(string name)
    {
        lock (_lock)
        {
            _latest.Remove(name);
            RemoveVersions(name);
            Bump(name);
        }
    }

    private void MarkLatestStale(string name)
    {
        if (_latest.TryGetValue(name, out var entry))
        {
            _latest[name] = entry with { Stale = true };
        }

        Bump(name);
    }

    private void RemoveVersions(string name)
    {
        foreach (var key in _versions.Keys.Where(k => string.Equals(k.Name, name, StringComparison.Ordinal)).ToList())
        {
            _versions.Remove(key);
        }
    }

    private long GenerationOf(string name) => _generations.TryGetValue(name, out var g) ? g : 0;

    private void Bump(string name) => _generations[name] = GenerationOf(name) + 1;

    private sealed record LatestEntry(StoredSecret Secret, DateTimeOffset FetchedAt, bool Stale);
}
