namespace GitLabConnector.Secrets;

/// <summary>
/// Versioned secret storage: Azure Key Vault in Azure, a local JSON file in standalone development.
/// Names use Key Vault's alphabet (letters, digits, dashes).
/// </summary>
public interface ISecretStore
{
    /// <summary>The latest version when <paramref name="version"/> is null; null when the secret (or version) does not exist.</summary>
    Task<StoredSecret?> GetAsync(string name, string? version, CancellationToken cancellationToken);

    /// <summary>Writes a new version and returns it.</summary>
    Task<StoredSecret> SetAsync(string name, string value, SecretWriteOptions? options, CancellationToken cancellationToken);

    /// <summary>Updates expiry and tags of an existing version (not its value).</summary>
    Task UpdatePropertiesAsync(string name, string version, DateTimeOffset? expiresOn, IReadOnlyDictionary<string, string>? tags, CancellationToken cancellationToken);

    /// <summary>Deletes every version; a missing secret is not an error.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Cheap reachability check for readiness probes.</summary>
    Task<bool> IsAvailableAsync(CancellationToken cancellationToken);
}

public sealed record StoredSecret(
    string Name,
    string Value,
    string Version,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset? UpdatedOn,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>Never print the value.</summary>
    public override string ToString() => $"StoredSecret {{ Name = {Name}, Version = {Version} }}";
}

public sealed record SecretWriteOptions(DateTimeOffset? ExpiresOn = null, IReadOnlyDictionary<string, string>? Tags = null, string? ContentType = null);

/// <summary>Thrown when the secret store is unreachable or refuses access (not for "not found").</summary>
public sealed class SecretStoreUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    public int Status { get; init; }
}
