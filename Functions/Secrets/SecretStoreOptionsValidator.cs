using GitLabConnector.Configuration;

namespace GitLabConnector.Secrets;

[OptionsValidator]
internal sealed partial class SecretStoreOptionsAnnotations : IValidateOptions<SecretStoreOptions>;

internal sealed class SecretStoreOptionsValidator() : SettingsValidator<SecretStoreOptions>(SecretStoreOptions.Section, new SecretStoreOptionsAnnotations());
