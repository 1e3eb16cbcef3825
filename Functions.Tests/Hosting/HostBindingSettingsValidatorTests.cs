using GitLabConnector.Hosting;
using Microsoft.Extensions.Configuration;

namespace GitLabConnector.Tests.Hosting;

public class HostBindingSettingsValidatorTests
{
    [Fact]
    public void Accepts_host_settings_equal_to_the_apps()
    {
        var result = Validate(new() { ["CONNECTOR_EVENTS_QUEUE"] = "gitlab-events", ["CONNECTOR_TOKENS_SCHEDULE"] = "0 0 */6 * * *" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Accepts_their_absence_as_in_standalone_runs()
    {
        Assert.True(Validate([]).Succeeded);
    }

    [Fact]
    public void Names_both_settings_when_the_trigger_queue_differs_from_the_queue_webhooks_write()
    {
        var result = Validate(new() { ["CONNECTOR_EVENTS_QUEUE"] = "other-events" });

        var failure = Assert.Single(result.Failures!);
        Assert.Equal("CONNECTOR_EVENTS_QUEUE ('other-events', read by the Functions host) must equal Connector__Queues__Events ('gitlab-events', read by the app)", failure);
    }

    [Fact]
    public void Names_both_settings_when_the_schedules_differ()
    {
        var result = Validate(new() { ["CONNECTOR_TOKENS_SCHEDULE"] = "0 0 * * * *" });

        Assert.Contains("CONNECTOR_TOKENS_SCHEDULE ('0 0 * * * *', read by the Functions host) must equal Connector__Tokens__Schedule", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new HostBindingSettingsValidator(configuration).Validate(null, new ConnectorOptions());
    }
}
