using Azure.Identity;

namespace GitLabConnector.Identity;

/// <summary>
/// The one Entra credential choice for storage, Key Vault and telemetry: the user-assigned managed identity named by
/// <c>Connector:ManagedIdentityClientId</c>, else the one the Functions host uses for storage (<c>AzureWebJobsStorage__clientId</c>
/// with <c>__credential=managedidentity</c>), else the system-assigned identity when <c>__credential=managedidentity</c> has no
/// client id, else <see cref="DefaultAzureCredential"/> (developer sign-in).
/// </summary>
public static class ConnectorCredential
{
    public static string? ManagedIdentityClientId(IConfiguration configuration)
    {
        var explicitId = configuration["Connector:ManagedIdentityClientId"];
        if (!string.IsNullOrWhiteSpace(explicitId))
        {
            return explicitId;
        }

        var storageClientId = configuration["AzureWebJobsStorage:clientId"];
        return UsesStorageManagedIdentity(configuration) && !string.IsNullOrWhiteSpace(storageClientId) ? storageClientId : null;
    }

    public static TokenCredential Create(IConfiguration configuration)
    {
        if (ManagedIdentityClientId(configuration) is { } clientId)
        {
            return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return UsesStorageManagedIdentity(configuration)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
    }

    private static bool UsesStorageManagedIdentity(IConfiguration configuration) =>
        string.Equals(configuration["AzureWebJobsStorage:credential"], "managedidentity", StringComparison.OrdinalIgnoreCase);
}
