using GitLabConnector.Configuration;

namespace GitLabConnector.Secrets;

[OptionsValidator]
internal sealed partial class SecretStoreOptionsAnnotations : IValidateOptions<SecretStoreOptions>;

internal sealed class SecretStoreOptionsValidator() : SettingsValidator<SecretStoreOptions>(SecretStoreOptions.Section, new SecretStoreOptionsAnnotations())
{
    protected override void Check(SecretStoreOptions options, List<string> failures)
    {
        if (options.KeyVaultUri is { } vault && (!vault.IsAbsoluteUri || vault.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Connector__KeyVaultUri: must be an absolute https URL");
        }
    }
}
