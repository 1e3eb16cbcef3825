using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.Secrets;

/// <summary>Settings under <c>Connector</c> that choose the secret store.</summary>
public sealed class SecretStoreOptions
{
    public const string Section = "Connector";

    /// <summary>Key Vault for tokens and secrets; absent means the local file store.</summary>
    [RegularExpression("^https://.+", ErrorMessage = "must be an absolute https URL")]
    public Uri? KeyVaultUri { get; set; }

    [Required]
    public string LocalSecretsPath { get; set; } = ".data/secrets.json";
}
