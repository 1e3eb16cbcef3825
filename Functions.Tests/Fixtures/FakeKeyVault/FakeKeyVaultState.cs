using System.Security.Cryptography;

namespace GitLabConnector.Tests.Fixtures.FakeKeyVault;

/// <summary>The fake vault's secrets: every version per name, oldest first. Thread-safe; tests may read and seed it directly.</summary>
public sealed class FakeKeyVaultState
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<FakeSecretVersion>> _secrets = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<FakeSecretVersion> Versions(string name)
    {
        lock (_lock)
        {
            return _secrets.TryGetValue(name, out var versions) ? [.. versions] : [];
        }
    }

    public IReadOnlyCollection<string> Names
    {
        get
        {
            lock (_lock)
            {
                return [.. _secrets.Keys];
            }
        }
    }

    public FakeSecretVersion Add(string name, string value, string? contentType = null, bool enabled = true, DateTimeOffset? notBefore = null,
        DateTimeOffset? expiresOn = null, IReadOnlyDictionary<string, string>? tags = null)
    {
        var now = TruncateToSeconds(DateTimeOffset.UtcNow);
        var version = new FakeSecretVersion(name, RandomNumberGenerator.GetHexString(32, lowercase: true), value, contentType, enabled,
            notBefore, expiresOn, now, now, tags ?? new Dictionary<string, string>());
        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var versions))
            {
                versions = [];
                _secrets[name] = versions;
            }

            versions.Add(version);
        }

        return version;
    }

    /// <summary>The latest version when <paramref name="version"/> is null.</summary>
    public FakeSecretVersion? Find(string name, string? version)
    {
        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var versions) || versions.Count == 0)
            {
                return null;
            }

            return version is null ? versions[^1] : versions.Find(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase));
        }
    }

    public FakeSecretVersion? Update(string name, string version, Func<FakeSecretVersion, FakeSecretVersion> change)
    {
        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var versions))
            {
                return null;
            }

            var index = versions.FindIndex(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            var updated = change(versions[index]) with { Updated = TruncateToSeconds(DateTimeOffset.UtcNow) };
            versions[index] = updated;
            return updated;
        }
    }

    /// <summary>Removes every version; returns the latest one that existed.</summary>
    public FakeSecretVersion? Remove(string name)
    {
        lock (_lock)
        {
            return _secrets.Remove(name, out var versions) && versions.Count > 0 ? versions[^1] : null;
        }
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
}
