using GitLabConnector.Configuration;

namespace GitLabConnector.Tokens;

[OptionsValidator]
internal sealed partial class TokenOptionsAnnotations : IValidateOptions<TokenOptions>;

internal sealed class TokenOptionsValidator() : SettingsValidator<TokenOptions>(TokenOptions.Section, new TokenOptionsAnnotations())
{
    protected override void Check(TokenOptions options, List<string> failures)
    {
        if (!TokenOptions.TryParseWarningDays(options.WarningDays, out _))
        {
            failures.Add("Connector__Tokens__WarningDays: must be a comma-separated list of positive whole days, e.g. 30,14,7,3,1");
        }

        if (TimerSchedule.TryParse(options.Schedule) is null)
        {
            failures.Add($"Connector__Tokens__Schedule: '{options.Schedule}' is not a 6-field NCRONTAB expression (second minute hour day month day-of-week), e.g. 0 0 */6 * * *");
        }
    }
}
