using GitLabConnector.Configuration;

namespace GitLabConnector.Hosting;

/// <summary>
/// The functions of docs/architecture.md by name, and the app settings their triggers bind to. The bindings name flat settings
/// (<c>%CONNECTOR_EVENTS_QUEUE%</c>): the host resolves a nested <c>%Connector:Queues:Events%</c> too, but the scale
/// controller that wakes an idle app looks the literal name up and cannot find a name with <c>:</c> on Linux
/// (azure-functions-host#8665, azure-functions-dotnet-worker#849).
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
