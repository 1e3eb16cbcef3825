using GitLabConnector.Configuration;

namespace GitLabConnector.GitLab;

[OptionsValidator]
internal sealed partial class GitLabApiOptionsAnnotations : IValidateOptions<GitLabApiOptions>;

internal sealed class GitLabApiOptionsValidator() : SettingsValidator<GitLabApiOptions>(GitLabApiOptions.Section, new GitLabApiOptionsAnnotations())
{
    protected override void Check(GitLabApiOptions options, List<string> failures)
    {
        if (options.RateWindow < TimeSpan.FromSeconds(1) || options.RateWindow > TimeSpan.FromHours(1))
        {
            failures.Add("Connector__GitLab__RateWindow: must be between 00:00:01 and 01:00:00");
        }
    }
}
