namespace GitLabConnector.Storage;

/// <summary>
/// Retry settings shared by the queue, table and blob clients; <c>Connector:Storage:MaxRetries</c>, <c>RetryDelay</c> and
/// <c>NetworkTimeout</c> override them. Few, quick retries, so a request that depends on storage (the webhook endpoint)
/// answers 503 quickly when storage is down (refused or reset connections fail at once). The per-try network timeout is
/// the storage services' own 30 s operation limit, not less: a request abandoned by the client is still applied by the
/// service, and retrying it (a queue send, an insert, an ETag update) duplicates or misreports it — the cause of the
/// duplicate publishes measured under load with the former 5 s (docs/benchmarks/enrich.md). A publish's queue send waits
/// longer still and is retried only when provably not applied (<see cref="QueueSendPolicy"/>).
/// </summary>
public static class StorageClientDefaults
{
    public const string Section = "Connector:Storage";

    public static T Apply<T>(T options, IConfiguration configuration, ILogger? logger = null)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
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
