using GitLabConnector.Configuration;
using GitLabConnector.Storage;
using GitLabConnector.Sync;
using GitLabConnector.Tokens;

namespace GitLabConnector.Hosting;

/// <summary>
/// The Functions host binds triggers to its own copy of a setting (<see cref="SettingNames.HostEventsQueue"/> for
/// <see cref="SettingNames.EventsQueue"/>, say). If the copies differ, accepted deliveries pile up in a queue nothing reads:
/// start-up stops, naming both. If the host's copy is missing (deployed without infra/), the app still starts, so deliveries
/// keep being queued, and says so at Critical.
/// </summary>
internal sealed class HostBindingSettingsValidator(IConfiguration configuration, HostingMode mode, IOptions<QueueOptions> queues, IOptions<SyncOptions> sync, ILogger<HostBindingSettingsValidator> logger)
    : IValidateOptions<TokenOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        if (!mode.IsFunctionsHost)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        Check(SettingNames.HostEventsQueue, SettingNames.EventsQueue, queues.Value.Events, FunctionNames.Enrich, failures);
        Check(SettingNames.HostTokensSchedule, SettingNames.TokensSchedule, options.Schedule, FunctionNames.TokenMonitor, failures);
        Check(SettingNames.HostSyncQueue, SettingNames.SyncQueue, queues.Value.Sync, FunctionNames.SyncPage, failures);
        Check(SettingNames.HostSyncSchedule, SettingNames.SyncSchedule, sync.Value.Schedule, FunctionNames.Sync, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void Check(string hostSetting, string appSetting, string appValue, string functionName, List<string> failures)
    {
        var hostValue = configuration[hostSetting];
        if (hostValue is null)
        {
            HostingLog.HostBindingSettingMissing(logger, hostSetting, functionName, appSetting);
        }
        else if (!string.Equals(hostValue, appValue, StringComparison.Ordinal))
        {
            failures.Add($"{hostSetting} ('{hostValue}', read by the Functions host) must equal {appSetting} ('{appValue}', read by the app)");
        }
    }
}
