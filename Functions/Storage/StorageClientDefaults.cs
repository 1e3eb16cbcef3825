using Azure.Core;

namespace GitLabConnector.Storage;

/// <summary>
/// Retry settings shared by the queue, table and blob clients. Retries are deliberately short so a request that depends on
/// storage (the webhook endpoint) can answer 503 quickly when storage is down; <c>Connector:Storage:MaxRetries</c>,
/// <c>RetryDelay</c> and <c>NetworkTimeout</c> override them.
/// </summary>
public static class StorageClientDefaults
{
    public const string Section = "Connector:Storage";

    public static T Apply<T>(T options, IConfiguration configuration)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = section.GetValue("MaxRetries", 2);
        options.Retry.Delay = section.GetValue("RetryDelay", TimeSpan.FromMilliseconds(200));
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = section.GetValue("NetworkTimeout", TimeSpan.FromSeconds(5));
        options.AddPolicy(new StorageUnreachablePolicy(), HttpPipelinePosition.PerCall);
        return options;
    }
}
