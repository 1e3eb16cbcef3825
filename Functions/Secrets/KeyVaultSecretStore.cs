using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace GitLabConnector.Secrets;

/// <summary>
/// <see cref="ISecretStore"/> over Azure Key Vault. Failures that mean "cannot reach or may not use the vault"
/// become <see cref="SecretStoreUnavailableException"/> so callers (and the cache) can tell them from "not found".
/// </summary>
public sealed class KeyVaultSecretStore(SecretClient client, ILogger<KeyVaultSecretStore> logger) : ISecretStore
{
    /// <summary>Name probed by <see cref="IsAvailableAsync"/>: a 404 proves the vault answers and we are authorised.</summary>
    internal const string AvailabilityProbeName = "connector-availability-probe";

    public async Task<StoredSecret?> GetAsync(string name, string? version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            var response = await client.GetSecretAsync(name, version, cancellationToken).ConfigureAwait(false);
            return ToStoredSecret(response.Value);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken, out var status))
        {
            throw Unavailable("get", name, status, e);
        }
    }

    public async Task<StoredSecret> SetAsync(string name, string value, SecretWriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var secret = new KeyVaultSecret(name, value) { Properties = { ExpiresOn = options?.ExpiresOn, ContentType = options?.ContentType } };
        CopyTags(options?.Tags, secret.Properties.Tags);

        try
        {
            var response = await client.SetSecretAsync(secret, cancellationToken).ConfigureAwait(false);
            return ToStoredSecret(response.Value);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken, out var status))
        {
            throw Unavailable("set", name, status, e);
        }
    }

    public async Task UpdatePropertiesAsync(string name, string version, DateTimeOffset? expiresOn, IReadOnlyDictionary<string, string>? tags, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        // The SDK takes the version only from a secret identifier.
        var id = new Uri(client.VaultUri, $"secrets/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(version)}");
        var properties = new SecretProperties(id) { ExpiresOn = expiresOn };
        CopyTags(tags, properties.Tags);
        try
        {
            await client.UpdateSecretPropertiesAsync(properties, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new KeyNotFoundException($"Secret '{name}' version '{version}' does not exist.", e);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken, out var status))
        {
            throw Unavailable("update", name, status, e);
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            // Only the first response matters: soft delete completes in the vault; polling would add seconds for nothing.
            await client.StartDeleteSecretAsync(name, cancellationToken).ConfigureAwait(false);
            SecretsLog.SecretDeleted(logger, name, existed: true);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            SecretsLog.SecretDeleted(logger, name, existed: false);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken, out var status))
        {
            throw Unavailable("delete", name, status, e);
        }
    }

    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.GetSecretAsync(AvailabilityProbeName, null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return true;
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken, out _))
        {
            return false;
        }
    }

    internal static StoredSecret ToStoredSecret(KeyVaultSecret secret)
    {
        var p = secret.Properties;
        return new StoredSecret(p.Name, secret.Value, p.Version, p.ExpiresOn, p.UpdatedOn ?? p.CreatedOn,
            new Dictionary<string, string>(p.Tags, StringComparer.Ordinal));
    }

    /// <summary>
    /// Statuses that say the vault cannot serve us now (auth, throttling, server, network; status 0).
    /// Azure.Core wraps exhausted retries of network failures in an <see cref="AggregateException"/>, and a network
    /// timeout surfaces as a cancellation the caller did not ask for.
    /// </summary>
    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken, out int status)
    {
        switch (exception)
        {
            case RequestFailedException { Status: 0 or 401 or 403 or 408 or 429 or >= 500 } r:
                status = r.Status;
                return true;
            case AuthenticationFailedException or CredentialUnavailableException:
                status = 401;
                return true;
            case AggregateException a when a.InnerExceptions.All(i => IsUnavailable(i, cancellationToken, out _)):
                status = a.InnerExceptions.OfType<RequestFailedException>().Select(r => r.Status).LastOrDefault();
                return true;
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                status = 0;
                return true;
            default:
                status = 0;
                return false;
        }
    }

    private SecretStoreUnavailableException Unavailable(string operation, string name, int status, Exception inner)
    {
        SecretsLog.KeyVaultUnavailable(logger, operation, name, status, inner);
        return new SecretStoreUnavailableException($"Key Vault unavailable during {operation} of secret '{name}' (status {status}).", inner)
        {
            Status = status,
        };
    }

    private static void CopyTags(IReadOnlyDictionary<string, string>? source, IDictionary<string, string> target)
    {
        foreach (var (key, tagValue) in source ?? new Dictionary<string, string>())
        {
            target[key] = tagValue;
        }
    }
}
