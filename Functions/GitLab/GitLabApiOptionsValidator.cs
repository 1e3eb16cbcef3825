using GitLabConnector.Configuration;

namespace GitLabConnector.GitLab;

[OptionsValidator]
internal sealed partial class GitLabApiOptionsAnnotations : IValidateOptions<GitLabApiOptions>;

internal sealed class GitLabApiOptionsValidator() : SettingsValidator<GitLabApiOptions>(GitLabApiOptions.Section, new GitLabApiOptionsAnnotations());
