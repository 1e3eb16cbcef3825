using System.Globalization;
using GitLabConnector.Secrets;

namespace GitLabConnector.Tests.Fixtures;

/// <summary>A versioned secret store in memory, with failure injection and an operation log.</summary>
public sealed class InMemorySecretStore : ISecretStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StoredSecret>> _secrets = new(StringComparer.Ordinal);
    private int _version;

    /// <summary>How many of the next writes fail.</summary>
    public int FailNextWrites { get; set; }

    public bool FailAllWrites { get; set; }

    /// <summary>"get name", "set name", "update name/version" in call order.</summary>
    public List<string> Operations { get; } = [];

    public int WriteAttempts { get; private set; }

    /// <summary>Names deleted, in call order.</summary>
    public List<string> Deleted { get; } = [];

    public IReadOnlyList<StoredSecret> Versions(string name)
    {
        lock (_gate)
        {
            return _secrets.TryGetValue(name, out var list) ? [.. list] : [];
        }
    }

    /// <summary>Every value ever stored (for "never returned or logged" assertions).</summary>
    public IEnumerable<string> AllValues()
    {
        lock (_gate)
        {
            return [.. _secrets.Values.SelectMany(v => v).Select(s => s.Value)];
        }
    }

    public Task<StoredSecret?> GetAsync(string name, string? version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Operations.Add($"get {name}");
            if (!_secrets.TryGetValue(name, out var versions) || versions.Count == 0)
            {
                return Task.FromResult<StoredSecret?>(null);
            }

            return Task.FromResult(version is null ? versions[^1] : versions.FirstOrDefault(v => v.Version == version));
        }
    }

    public Task<StoredSecret> SetAsync(string name, string value, SecretWriteOptions? options, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Operations.Add($"set {name}");
            WriteAttempts++;
            if (FailAllWrites || FailNextWrites > 0)
            {
                FailNextWrites = Math.Max(0, FailNextWrites - 1);
                throw new SecretStoreUnavailableException("injected write failure") { Status = 503 };
            }

            return Task.FromResult(Add(name, value, options?.ExpiresOn, options?.Tags));
        }
    }

    public Task UpdatePropertiesAsync(string name, string version, DateTimeOffset? expiresOn, IReadOnlyDictionary<string, string>? tags, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Operations.Add($"update {name}/{version}");
            var versions = _secrets[name];
            var index = versions.FindIndex(v => v.Version == version);
            versions[index] = versions[index] with { ExpiresOn = expiresOn, Tags = tags is null ? versions[index].Tags : new Dictionary<string, string>(tags) };
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _secrets.Remove(name);
            Deleted.Add(name);
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsAvailableAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>What an operator does in the portal: a new version.</summary>
    public StoredSecret Put(string name, string value)
    {
        lock (_gate)
        {
            return Add(name, value, null, null);
        }
    }

    public StoredSecret? Latest(string name)
    {
        lock (_gate)
        {
            return _secrets.TryGetValue(name, out var v) && v.Count > 0 ? v[^1] : null;
        }
    }

    public int VersionCount(string name)
    {
        lock (_gate)
        {
            return _secrets.TryGetValue(name, out var v) ? v.Count : 0;
        }
    }

    private StoredSecret Add(string name, string value, DateTimeOffset? expiresOn, IReadOnlyDictionary<string, string>? tags)
    {
        var secret = new StoredSecret(name, value, (++_version).ToString("x8", CultureInfo.InvariantCulture), expiresOn, null, tags ?? new Dictionary<string, string>());
        if (!_secrets.TryGetValue(name, out var versions))
        {
            _secrets[name] = versions = [];
        }

        versions.Add(secret);
        return secret;
    }
}
