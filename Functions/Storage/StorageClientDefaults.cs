namespace GitLabConnector.Storage;

/// <summary>
/// Retry settings of every storage client (<c>Connector:Storage</c> overrides them): few, quick retries, so the webhook
/// answers 503 quickly when storage is down. The per-try timeout is the services' own 30 s limit, not less: a request
/// abandoned by the client is still applied, and retrying it duplicates it (docs/benchmarks/enrich.md).
/// </summary>
public static class StorageClientDefaults
{
    public const string Section = "Connector:Storage";

    public static T Apply<T>(T options, IConfiguration configuration, ILogger? logger = null)
        where T : ClientOptions
    {
        var section = configuration.GetSection(Section);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = section.GetValue("MaxRetries", 2);
        options.Retry.Delay = section.GetValue("RetryDelay", TimeSpan.FromMilliseconds(200));
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = section.GetValue("NetworkTimeout", TimeSpan.FromSeconds(30));
        options.AddPolicy(new StorageUnreachablePolicy(), HttpPipelinePosition.PerCall);
        options.AddPolicy(new QueueSendPolicy(section.GetValue("SendNetworkTimeout", TimeSpan.FromMinutes(2))), HttpPipelinePosition.PerCall);
        if (logger is not null)
        {
            options.AddPolicy(new StorageTryLogPolicy(logger), HttpPipelinePosition.PerRetry);
        }

        return options;
    }
}
