using GitLabConnector.Configuration;

namespace GitLabConnector.Sync;

[OptionsValidator]
internal sealed partial class SyncOptionsAnnotations : IValidateOptions<SyncOptions>;

internal sealed class SyncOptionsValidator() : SettingsValidator<SyncOptions>(SyncOptions.Section, new SyncOptionsAnnotations())
{
    protected override void Check(SyncOptions options, List<string> failures)
    {
        if (TimerSchedule.TryParse(options.Schedule) is null)
        {
            failures.Add($"Connector__Sync__Schedule: '{options.Schedule}' is not a 6-field NCRONTAB expression (second minute hour day month day-of-week), e.g. 0 15 * * * *");
        }

        if (options.DefaultLookback <= TimeSpan.Zero || options.DefaultLookback > TimeSpan.FromDays(3650))
        {
            failures.Add($"Connector__Sync__DefaultLookback: '{options.DefaultLookback}' must be a positive duration of at most 3650 days, e.g. 30.00:00:00");
        }
    }
}
