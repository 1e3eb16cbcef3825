using GitLabConnector.Configuration;

namespace GitLabConnector.Storage;

[OptionsValidator]
internal sealed partial class QueueOptionsAnnotations : IValidateOptions<QueueOptions>;

internal sealed class QueueOptionsValidator() : SettingsValidator<QueueOptions>(QueueOptions.Section, new QueueOptionsAnnotations())
{
    protected override void Check(QueueOptions options, List<string> failures)
    {
        if (options.VisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add("Connector__Queues__VisibilityTimeout: must be at least 1 second");
        }
    }
}
