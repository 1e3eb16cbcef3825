namespace GitLabConnector.Configuration;

/// <summary>
/// Every setting the app reads, written as app settings / environment variables (<c>__</c> nests).
/// Kept in one place so the infra invariant test and <c>local.settings.sample.json</c> can be checked against it.
/// </summary>
public static class SettingNames
{
    public const string Storage = "AzureWebJobsStorage";
    public const string StorageAccountName = "AzureWebJobsStorage__accountName";
    public const string StorageQueueServiceUri = "AzureWebJobsStorage__queueServiceUri";
    public const string StorageTableServiceUri = "AzureWebJobsStorage__tableServiceUri";
    public const string StorageBlobServiceUri = "AzureWebJobsStorage__blobServiceUri";
    public const string StorageCredential = "AzureWebJobsStorage__credential";
    public const string StorageClientId = "AzureWebJobsStorage__clientId";

    public const string KeyVaultUri = "Connector__KeyVaultUri";
    public const string ManagedIdentityClientId = "Connector__ManagedIdentityClientId";
    public const string LocalSecretsPath = "Connector__LocalSecretsPath";
    public const string PublicBaseUrl = "Connector__PublicBaseUrl";
    public const string AdminKey = "Connector__AdminKey";
    public const string Urls = "Connector__Urls";
    public const string Workers = "Connector__Workers";
    public const string EventsQueue = "Connector__Queues__Events";
    public const string EnrichedQueue = "Connector__Queues__Enriched";
    public const string AlertsQueue = "Connector__Queues__Alerts";
    public const string SyncQueue = "Connector__Queues__Sync";
    public const string MaxDequeueCount = "Connector__Queues__MaxDequeueCount";
    public const string PayloadContainer = "Connector__PayloadContainer";
    public const string MaxPayloadBytes = "Connector__MaxPayloadBytes";
    public const string SecretOverlap = "Connector__SecretOverlap";
    public const string AllowInsecureGitLabUrls = "Connector__AllowInsecureGitLabUrls";
    public const string SyncSchedule = "Connector__Sync__Schedule";
    public const string SyncDefaultLookback = "Connector__Sync__DefaultLookback";
    public const string TokensSchedule = "Connector__Tokens__Schedule";
    public const string TokensWarningDays = "Connector__Tokens__WarningDays";
    public const string TokensAutoRotate = "Connector__Tokens__AutoRotate";
    public const string TokensRotateWhenDaysLeft = "Connector__Tokens__RotateWhenDaysLeft";
    public const string TokensRotationLifetimeDays = "Connector__Tokens__RotationLifetimeDays";
    /// <summary>
    /// The <c>enrich</c> trigger's queue and the <c>token-monitor</c> schedule as flat settings: the platform's scale
    /// controller looks them up by literal name, which a nested name cannot be on Linux (azure-functions-host#8665).
    /// Start-up checks they equal <see cref="EventsQueue"/> and <see cref="TokensSchedule"/>.
    /// </summary>
    public const string HostEventsQueue = "CONNECTOR_EVENTS_QUEUE";

    /// <inheritdoc cref="HostEventsQueue"/>
    public const string HostTokensSchedule = "CONNECTOR_TOKENS_SCHEDULE";

    /// <inheritdoc cref="HostEventsQueue"/>
    public const string HostSyncQueue = "CONNECTOR_SYNC_QUEUE";

    /// <inheritdoc cref="HostEventsQueue"/>
    public const string HostSyncSchedule = "CONNECTOR_SYNC_SCHEDULE";

    public const string AppInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AppInsightsAuthenticationString = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Settings an Azure deployment must set (the rest have safe defaults or are local-only).</summary>
    public static IReadOnlyList<string> RequiredInAzure { get; } =
    [
        StorageQueueServiceUri, StorageTableServiceUri, StorageBlobServiceUri, StorageCredential, StorageClientId,
        KeyVaultUri, ManagedIdentityClientId, PublicBaseUrl, AppInsightsConnectionString, AppInsightsAuthenticationString,
        EventsQueue, TokensSchedule, HostEventsQueue, HostTokensSchedule, SyncQueue, SyncSchedule, HostSyncQueue, HostSyncSchedule,
    ];

    /// <summary>Settings that appear in <c>local.settings.sample.json</c>.</summary>
    public static IReadOnlyList<string> Local { get; } =
    [
        Storage, LocalSecretsPath, PublicBaseUrl, AdminKey, Urls, EventsQueue, EnrichedQueue, AlertsQueue,
        MaxDequeueCount, PayloadContainer, MaxPayloadBytes, SecretOverlap, AllowInsecureGitLabUrls, TokensSchedule,
        TokensWarningDays, TokensAutoRotate, TokensRotateWhenDaysLeft, TokensRotationLifetimeDays,
        HostEventsQueue, HostTokensSchedule, SyncQueue, SyncSchedule, SyncDefaultLookback, HostSyncQueue, HostSyncSchedule,
    ];
}
