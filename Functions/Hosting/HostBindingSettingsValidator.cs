using Microsoft.Extensions.Options;

namespace GitLabConnector.Hosting;

/// <summary>
/// The Functions host triggers <c>enrich</c> from <see cref="SettingNames.HostEventsQueue"/> while webhooks write to
/// <see cref="SettingNames.EventsQueue"/>: if the two differ, accepted deliveries pile up in a queue nothing reads. Stops
/// the app at start-up instead, naming both settings. Only checks what is set (standalone runs need neither flat setting).
/// </summary>
internal sealed class HostBindingSettingsValidator(IConfiguration configuration) : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        var failures = new List<string>();
        Check(SettingNames.HostEventsQueue, SettingNames.EventsQueue, options.Queues.Events, failures);
        Check(SettingNames.HostTokensSchedule, SettingNames.TokensSchedule, options.Tokens.Schedule, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void Check(string hostSetting, string appSetting, string appValue, List<string> failures)
    {
        var hostValue = configuration[hostSetting];
        if (hostValue is not null && !string.Equals(hostValue, appValue, StringComparison.Ordinal))
        {
            failures.Add($"{hostSetting} ('{hostValue}', read by the Functions host) must equal {appSetting} ('{appValue}', read by the app)");
        }
    }
}
