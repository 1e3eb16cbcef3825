using GitLabConnector.Configuration;

namespace GitLabConnector.Storage;

[OptionsValidator]
internal sealed partial class QueueOptionsAnnotations : IValidateOptions<QueueOptions>;

internal sealed class QueueOptionsValidator() : SettingsValidator<QueueOptions>(QueueOptions.Section, new QueueOptionsAnnotations());
