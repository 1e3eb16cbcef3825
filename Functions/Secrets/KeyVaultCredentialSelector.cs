using Azure.Core;
using Azure.Identity;

namespace GitLabConnector.Secrets;

/// <summary>
/// Picks the Key Vault credential: the user-assigned managed identity named by <c>Connector:ManagedIdentityClientId</c>,
/// else the one the Functions host uses for storage (<c>AzureWebJobsStorage:clientId</c> with <c>credential=managedidentity</c>),
/// else <see cref="DefaultAzureCredential"/> (developer sign-in, system-assigned identity).
/// </summary>
internal static class KeyVaultCredentialSelector
{
    public static string? ManagedIdentityClientId(IConfiguration configuration)
    {
        var explicitId = configuration["Connector:ManagedIdentityClientId"];
        if (!string.IsNullOrWhiteSpace(explicitId))
        {
            return explicitId;
        }

        var storageCredential = configuration["AzureWebJobsStorage:credential"];
        var storageClientId = configuration["AzureWebJobsStorage:clientId"];
        return string.Equals(storageCredential, "managedidentity", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(storageClientId)
            ? storageClientId
            : null;
    }

    public static TokenCredential Create(IConfiguration configuration)
    {
        var clientId = ManagedIdentityClientId(configuration);
        return clientId is null
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
