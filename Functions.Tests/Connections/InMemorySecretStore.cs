using System.Globalization;
using GitLabConnector.Secrets;

namespace GitLabConnector.Tests.Connections;

/// <summary>A versioned secret store in memory, recording writes and deletes so tests can assert on them.</summary>
public sealed class InMemorySecretStore : ISecretStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<StoredSecret>> _secrets = new(StringComparer.Ordinal);
    private int _next;

    public List<string> Deleted { get; } = [];

    public IReadOnlyList<StoredSecret> Versions(string name)
    {
        lock (_gate)
        {
            return _secrets.TryGetValue(name, out var list) ? [.. list] : [];
        }
    }

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
            if (!_secrets.TryGetValue(name, out var list) || list.Count == 0)
            {
                return Task.FromResult<StoredSecret?>(null);
            }

            return Task.FromResult(version is null ? list[^1] : list.FirstOrDefault(s => s.Version == version));
        }
    }

    public Task<StoredSecret> SetAsync(string name, string value, SecretWriteOptions? options, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var version = "v" + (++_next).ToString(CultureInfo.InvariantCulture);
            var secret = new StoredSecret(name, value, version, options?.ExpiresOn, null, options?.Tags ?? new Dictionary<string, string>());
            if (!_secrets.TryGetValue(name, out var list))
            {
                _secrets[name] = list = [];
            }

            list.Add(secret);
            return Task.FromResult(secret);
        }
    }

    public Task UpdatePropertiesAsync(string name, string version, DateTimeOffset? expiresOn, IReadOnlyDictionary<string, string>? tags, CancellationToken cancellationToken) =>
        Task.CompletedTask;

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
}
