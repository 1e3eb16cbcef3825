using GitLabConnector.Configuration;
using GitLabConnector.Hosting;
using GitLabConnector.Hosting.Standalone;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace GitLabConnector.Tests.Hosting.Worker;

/// <summary>
/// <c>functions.metadata</c>, which the worker SDK writes from the <c>[Function]</c> attributes and the host reads, lists
/// every function of docs/architecture.md with its trigger, route, auth level and setting-based queue or schedule; and the worker's
/// HTTP functions serve exactly the routes the standalone host serves.
/// </summary>
public class FunctionsMetadataTests
{
    private static readonly IReadOnlyList<FunctionsMetadata> Functions = FunctionsMetadata.Parse(File.ReadAllText(WorkerBuildOutput.FunctionsMetadataPath));

    [Fact]
    public void Webhook_is_an_anonymous_post_on_the_connection_route()
    {
        var webhook = Single(FunctionNames.Webhook);
        Assert.Equal(("httpTrigger", "webhooks/gitlab/{connectionId}", "Anonymous"), (webhook.Trigger, webhook.Route, webhook.AuthLevel));
        Assert.Equal(["POST"], webhook.Methods);
    }

    [Fact]
    public void Enrich_is_a_queue_trigger_on_the_flat_events_queue_setting_of_the_host_storage()
    {
        var enrich = Single(FunctionNames.Enrich);
        Assert.Equal(("queueTrigger", "%CONNECTOR_EVENTS_QUEUE%", "AzureWebJobsStorage"), (enrich.Trigger, enrich.QueueName, enrich.Connection));
        Assert.Equal(SettingNames.HostEventsQueue, enrich.QueueName!.Trim('%'));
    }

    [Fact]
    public void Token_monitor_is_a_timer_on_the_flat_schedule_setting()
    {
        var monitor = Single(FunctionNames.TokenMonitor);
        Assert.Equal(("timerTrigger", "%CONNECTOR_TOKENS_SCHEDULE%"), (monitor.Trigger, monitor.Schedule));
        Assert.Equal(SettingNames.HostTokensSchedule, monitor.Schedule!.Trim('%'));
    }

    [Fact]
    public void Sync_is_a_timer_on_the_flat_schedule_setting_and_its_pages_a_queue_trigger_on_the_flat_sync_queue_setting()
    {
        var sync = Single(FunctionNames.Sync);
        var pages = Single(FunctionNames.SyncPage);
        Assert.Equal(("timerTrigger", "%CONNECTOR_SYNC_SCHEDULE%"), (sync.Trigger, sync.Schedule));
        Assert.Equal(("queueTrigger", "%CONNECTOR_SYNC_QUEUE%", "AzureWebJobsStorage"), (pages.Trigger, pages.QueueName, pages.Connection));
        Assert.Equal((SettingNames.HostSyncSchedule, SettingNames.HostSyncQueue), (sync.Schedule!.Trim('%'), pages.QueueName!.Trim('%')));
    }

    [Fact]
    public void Health_is_an_anonymous_get()
    {
        var health = Single(FunctionNames.Health);
        Assert.Equal(("httpTrigger", "health", "Anonymous"), (health.Trigger, health.Route, health.AuthLevel));
        Assert.Equal(["GET"], health.Methods);
    }

    [Fact]
    public void Every_admin_route_is_a_function_with_function_level_auth()
    {
        var admin = Functions.Where(f => f.Route is { } r && (r.StartsWith("connections", StringComparison.Ordinal) || r.StartsWith("deadletter", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(admin);
        Assert.All(admin, f => Assert.Equal("Function", f.AuthLevel));
        Assert.Equal(
            Functions.Count,
            admin.Count + new[] { FunctionNames.Webhook, FunctionNames.Enrich, FunctionNames.TokenMonitor, FunctionNames.Sync, FunctionNames.SyncPage, FunctionNames.Health }.Length);
    }

    [Fact]
    public async Task Worker_functions_serve_exactly_the_standalone_routes()
    {
        await using var app = StandaloneApplication.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Connector:Workers"] = "false",
        }));
        var standalone = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Method: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Single(), Route: e.RoutePattern.RawText!.TrimStart('/')))
            .Where(e => e.Method is not null && e.Route.StartsWith("api/", StringComparison.Ordinal) && e.Route != "api/openapi.json")
            .Select(e => $"{e.Method} {e.Route["api/".Length..].TrimEnd('/')}")
            .Order(StringComparer.Ordinal);
        var worker = Functions.Where(f => f.Trigger == "httpTrigger")
            .SelectMany(f => f.Methods.Select(m => $"{m} {f.Route}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(standalone, worker);
    }

    private static FunctionsMetadata Single(string name) => Assert.Single(Functions, f => f.Name == name);
}
