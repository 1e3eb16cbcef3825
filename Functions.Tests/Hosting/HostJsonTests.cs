using System.Globalization;
using System.Text.Json;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Hosting;

/// <summary>host.json configures the isolated worker's host, and its queue settings are the standalone consumer's defaults.</summary>
public class HostJsonTests
{
    [Fact]
    public void Host_json_has_no_custom_handler_and_matches_the_standalone_queue_defaults()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")));
        var root = document.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.False(root.TryGetProperty("customHandler", out _));
        Assert.False(root.TryGetProperty("extensionBundle", out _));

        var queues = root.GetProperty("extensions").GetProperty("queues");
        var defaults = new QueueOptions();
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.Equal(defaults.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(defaults.BatchSize, queues.GetProperty("batchSize").GetInt32());
        Assert.Equal(defaults.RetryDelay, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.MaxPollingInterval, TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, CultureInfo.InvariantCulture));
        Assert.True(root.TryGetProperty("functionTimeout", out _));
    }

    [Fact]
    public void Local_settings_sample_runs_the_isolated_worker()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")));
        Assert.Equal("dotnet-isolated", document.RootElement.GetProperty("Values").GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
    }
}
