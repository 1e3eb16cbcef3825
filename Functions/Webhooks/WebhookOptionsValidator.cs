using GitLabConnector.Configuration;

namespace GitLabConnector.Webhooks;

[OptionsValidator]
internal sealed partial class WebhookOptionsAnnotations : IValidateOptions<WebhookOptions>;

internal sealed class WebhookOptionsValidator() : SettingsValidator<WebhookOptions>(WebhookOptions.Section, new WebhookOptionsAnnotations())
{
    protected override void Check(WebhookOptions options, List<string> failures)
    {
        if (options.MaxUnverifiedBytes < options.MaxPayloadBytes)
        {
            failures.Add("Connector__MaxUnverifiedBytes: must be at least Connector__MaxPayloadBytes, or a signed delivery of the largest allowed size could never be verified");
        }
    }
}
