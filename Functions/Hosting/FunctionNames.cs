using GitLabConnector.Configuration;

namespace GitLabConnector.Hosting;

/// <summary>
/// Bindings name flat settings (<c>%CONNECTOR_EVENTS_QUEUE%</c>): the scale controller that wakes an idle app cannot find a
/// name with <c>:</c> on Linux (azure-functions-host#8665, azure-functions-dotnet-worker#849).
/// </summary>
public static class FunctionNames
{
    public const string Webhook = "webhook";
    public const string Enrich = "enrich";
    public const string TokenMonitor = "token-monitor";
    public const string Health = "health";
    public const string Sync = "sync";
    public const string SyncPage = "sync-page";

    public const string EventsQueueBinding = "%" + SettingNames.HostEventsQueue + "%";
    public const string TokensScheduleBinding = "%" + SettingNames.HostTokensSchedule + "%";
    public const string SyncQueueBinding = "%" + SettingNames.HostSyncQueue + "%";
    public const string SyncScheduleBinding = "%" + SettingNames.HostSyncSchedule + "%";
    public const string StorageConnection = "AzureWebJobsStorage";
}
