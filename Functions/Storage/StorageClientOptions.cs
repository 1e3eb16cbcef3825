using Azure.Core;
using Microsoft.Extensions.Configuration;

namespace GitLabConnector.Storage;

/// <summary>
/// Pipeline options for the storage clients. Retries are deliberately short so a request that depends on
/// storage (the webhook endpoint) can answer 503 quickly when storage is down.
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>Optional configuration section (<c>Connector:Storage</c>) overriding the retry settings.</summary>
    public const string Section = "Connector:Storage";

    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 2;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(2);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        Diagnostics.IsLoggingContentEnabled = false;
    }

    /// <summary>Overrides the credential for identity-based connections (tests supply a stub here).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Reads <c>Connector:Storage:MaxRetries</c>, <c>RetryDelay</c> and <c>NetworkTimeout</c> when present.</summary>
    public static StorageClientOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageClientOptions();
        var section = configuration.GetSection(Section);
        options.Retry.MaxRetries = section.GetValue("MaxRetries", options.Retry.MaxRetries);
        options.Retry.Delay = section.GetValue("RetryDelay", options.Retry.Delay);
        options.Retry.NetworkTimeout = section.GetValue("NetworkTimeout", options.Retry.NetworkTimeout);
        return options;
    }
}
