using System.Text.Json;
using System.Xml.Linq;
using GitLabConnector.Hosting;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Hosting;

/// <summary>Keeps host.json and functions/*/function.json in step with <see cref="FunctionCatalog"/> and the options defaults.</summary>
public class FunctionCatalogDriftTests
{
    private static readonly string FunctionsFolder = Path.Combine(RepositoryRoot.Path, "functions");

    public static TheoryData<string> CatalogNames() => new(FunctionCatalog.All.Select(f => f.Name));

    [Fact]
    public void Every_function_json_has_a_catalog_entry_and_every_entry_a_function_json()
    {
        var onDisk = Directory.GetDirectories(FunctionsFolder)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);
        Assert.Equal(FunctionCatalog.All.Select(f => f.Name).Order(StringComparer.Ordinal), onDisk);
    }

    [Fact]
    public void Catalog_keeps_the_spec_function_list()
    {
        Assert.Equal(
            [FunctionCatalog.Webhook, FunctionCatalog.Enrich, FunctionCatalog.TokenMonitor, FunctionCatalog.Admin, FunctionCatalog.Health],
            FunctionCatalog.All.Select(f => f.Name));
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void Function_json_matches_its_catalog_entry(string name)
    {
        Assert.True(FunctionCatalog.TryGet(name, out var expected));
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsFolder, name, "function.json")));
        var bindings = document.RootElement.GetProperty("bindings").EnumerateArray().ToList();
        var trigger = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "in");
        Assert.Equal(expected.TriggerBindingName, trigger.GetProperty("name").GetString());

        switch (expected.Trigger)
        {
            case FunctionTriggerKind.Http:
                // Exactly one httpTrigger in and one http out, or the host stops forwarding the request.
                Assert.Equal(2, bindings.Count);
                Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
                Assert.Equal(expected.Route, trigger.GetProperty("route").GetString());
                Assert.Equal(expected.AuthLevel.ToString()!.ToLowerInvariant(), trigger.GetProperty("authLevel").GetString());
                Assert.Equal(expected.Methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!));
                var output = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "out");
                Assert.Equal("http", output.GetProperty("type").GetString());
                Assert.Equal(expected.HttpOutputBindingName, output.GetProperty("name").GetString());
                break;
            case FunctionTriggerKind.Queue:
                Assert.Single(bindings);
                Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
                Assert.Equal(expected.QueueNameSetting, trigger.GetProperty("queueName").GetString());
                Assert.Equal(expected.Connection, trigger.GetProperty("connection").GetString());
                break;
            case FunctionTriggerKind.Timer:
                Assert.Single(bindings);
                Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
                Assert.Equal(expected.ScheduleSetting, trigger.GetProperty("schedule").GetString());
                Assert.False(trigger.GetProperty("runOnStartup").GetBoolean());
                break;
        }
    }

    [Fact]
    public void Binding_settings_are_flat_settings_an_Azure_deployment_sets()
    {
        // The scale controller that wakes an idle app looks binding settings up by their literal name, so they are
        // flat (no ':' or '__'); the app reads its own nested copies, which start-up checks are equal.
        var settings = FunctionCatalog.All.SelectMany(f => new[] { f.QueueNameSetting, f.ScheduleSetting }).OfType<string>().ToList();
        Assert.Equal([SettingNames.HostEventsQueue, SettingNames.HostTokensSchedule], settings.Select(FunctionCatalog.ToAppSettingName));
        Assert.All(settings, s => Assert.Matches("^%[A-Z]+(_[A-Z]+)+%$", s));
        Assert.Contains(SettingNames.HostEventsQueue, SettingNames.RequiredInAzure);
        Assert.Contains(SettingNames.HostTokensSchedule, SettingNames.RequiredInAzure);
    }

    [Fact]
    public void Http_routes_are_the_routes_the_app_serves()
    {
        Assert.True(FunctionCatalog.TryGet(FunctionCatalog.Admin, out var admin));
        Assert.Matches(RouteRegex(admin.Route!), "connections/");
        Assert.Matches(RouteRegex(admin.Route!), "connections/abc/token");
        Assert.Matches(RouteRegex(admin.Route!), "deadletter/replay");
        Assert.DoesNotMatch(RouteRegex(admin.Route!), "health/");
        Assert.DoesNotMatch(RouteRegex(admin.Route!), "webhooks/gitlab/x");
    }

    [Fact]
    public void Host_json_points_at_the_executable_and_matches_the_standalone_defaults()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")));
        var root = document.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());

        var handler = root.GetProperty("customHandler");
        var assemblyName = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Functions", "Functions.csproj")).Descendants("AssemblyName").Single().Value;
        Assert.Equal(assemblyName, handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal(typeof(HostingMode).Assembly.GetName().Name, assemblyName);
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("[4.*, 5.0.0)", root.GetProperty("extensionBundle").GetProperty("version").GetString());
        Assert.Equal("api", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());

        var queues = root.GetProperty("extensions").GetProperty("queues");
        var defaults = new QueueOptions();
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.Equal(defaults.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(defaults.BatchSize, queues.GetProperty("batchSize").GetInt32());
        Assert.Equal(defaults.RetryDelay, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(defaults.MaxPollingInterval, TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(root.TryGetProperty("functionTimeout", out _));
    }

    /// <summary>A regex equivalent of the admin route template's constraint and catch-all, enough to check which paths it takes.</summary>
    private static string RouteRegex(string template)
    {
        var constraint = System.Text.RegularExpressions.Regex.Match(template, @"regex\(\^\((?<alt>[^)]*)\)\$\)").Groups["alt"].Value;
        Assert.NotEmpty(constraint);
        Assert.EndsWith("/{*path}", template, StringComparison.Ordinal);
        return $"^({constraint})/.*$";
    }
}
