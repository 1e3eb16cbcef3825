using GitLabConnector.Configuration;
using GitLabConnector.Hosting;
using GitLabConnector.Storage;
using GitLabConnector.Sync;
using GitLabConnector.Tokens;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Hosting;

public sealed class HostBindingSettingsValidatorTests : IDisposable
{
    private static readonly HostingMode Functions = new(true, "http://127.0.0.1:7072");
    private static readonly HostingMode Standalone = new(false, "http://127.0.0.1:7071");
    private readonly InMemoryLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;

    public HostBindingSettingsValidatorTests() => _loggers = _logs.CreateFactory();

    [Fact]
    public void Accepts_host_settings_equal_to_the_apps()
    {
        var result = Validate(Functions, new() { ["CONNECTOR_EVENTS_QUEUE"] = "gitlab-events", ["CONNECTOR_TOKENS_SCHEDULE"] = "0 0 */6 * * *" });

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Empty(_logs.Entries);
    }

    [Fact]
    public void Names_both_settings_when_the_trigger_queue_differs_from_the_queue_webhooks_write()
    {
        var result = Validate(Functions, new() { ["CONNECTOR_EVENTS_QUEUE"] = "other-events", ["CONNECTOR_TOKENS_SCHEDULE"] = "0 0 */6 * * *" });

        var failure = Assert.Single(result.Failures!);
        Assert.Equal("CONNECTOR_EVENTS_QUEUE ('other-events', read by the Functions host) must equal Connector__Queues__Events ('gitlab-events', read by the app)", failure);
    }

    [Fact]
    public void Names_both_settings_when_the_schedules_differ()
    {
        var result = Validate(Functions, new() { ["CONNECTOR_EVENTS_QUEUE"] = "gitlab-events", ["CONNECTOR_TOKENS_SCHEDULE"] = "0 0 * * * *" });

        Assert.Contains("CONNECTOR_TOKENS_SCHEDULE ('0 0 * * * *', read by the Functions host) must equal Connector__Tokens__Schedule", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_both_settings_when_the_sync_queue_or_schedule_differs()
    {
        var result = Validate(Functions, new()
        {
            ["CONNECTOR_EVENTS_QUEUE"] = "gitlab-events",
            ["CONNECTOR_TOKENS_SCHEDULE"] = "0 0 */6 * * *",
            ["CONNECTOR_SYNC_QUEUE"] = "other-sync",
            ["CONNECTOR_SYNC_SCHEDULE"] = "0 0 * * * *",
        });

        Assert.Equal(
            [
                "CONNECTOR_SYNC_QUEUE ('other-sync', read by the Functions host) must equal Connector__Queues__Sync ('gitlab-sync', read by the app)",
                "CONNECTOR_SYNC_SCHEDULE ('0 0 * * * *', read by the Functions host) must equal Connector__Sync__Schedule ('0 15 * * * *', read by the app)",
            ],
            result.Failures!);
    }

    [Fact]
    public void A_missing_host_setting_keeps_the_app_accepting_deliveries_and_is_reported_at_Critical()
    {
        var result = Validate(Functions, new() { ["CONNECTOR_TOKENS_SCHEDULE"] = "0 0 */6 * * *" });

        Assert.True(result.Succeeded, result.FailureMessage);
        var entry = Assert.Single(_logs.Entries);
        Assert.Equal(1330, entry.EventId.Id);
        Assert.Equal(LogLevel.Critical, entry.Level);
        Assert.Contains("CONNECTOR_EVENTS_QUEUE is not set, so the Functions host cannot bind enrich", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Standalone_runs_read_neither_host_setting()
    {
        // run-local.sh copies the sample settings, which carry the host's copies; overriding the app's queue must still work.
        var result = Validate(Standalone, new() { ["Connector:Queues:Events"] = "my-dev-events", ["CONNECTOR_EVENTS_QUEUE"] = "gitlab-events" });

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Empty(_logs.Entries);
    }

    public void Dispose()
    {
        _loggers.Dispose();
        _logs.Dispose();
    }

    private ValidateOptionsResult Validate(HostingMode mode, Dictionary<string, string?> settings)
    {
        // The sync function's copies are right unless a test says otherwise.
        settings.TryAdd("CONNECTOR_SYNC_QUEUE", "gitlab-sync");
        settings.TryAdd("CONNECTOR_SYNC_SCHEDULE", "0 15 * * * *");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var queues = new QueueOptions();
        if (configuration["Connector:Queues:Events"] is { } events)
        {
            queues.Events = events;
        }

        return new HostBindingSettingsValidator(configuration, mode, Options.Create(queues), Options.Create(new SyncOptions()), _loggers.CreateLogger<HostBindingSettingsValidator>()).Validate(null, new TokenOptions());
    }
}
