using System.Text;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using GitLabConnector.Connections;
using GitLabConnector.Hosting.Worker;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Hosting.Worker;

/// <summary>
/// The <c>[Function]</c> classes called directly, as the host would invoke them, with the services
/// <see cref="WorkerApplication"/> registers (storage on Azurite, the local secret store).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerFunctionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("connector-worker-").FullName;
    private readonly string _events = AzuriteFixture.NewQueueName("ev");
    private IHost _host = null!;

    public Task InitializeAsync()
    {
        _host = WorkerApplication.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Connector:LocalSecretsPath"] = Path.Combine(_data, "secrets.json"),
            ["Connector:PublicBaseUrl"] = "https://connector.example",
            ["Connector:Queues:Events"] = _events,
            ["CONNECTOR_EVENTS_QUEUE"] = _events,
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Webhook_function_accepts_an_authentic_delivery_and_queues_it()
    {
        var connection = await TestConnections.CreateAsync(_host.Services);
        var context = NewContext("POST", $"/api/webhooks/gitlab/{connection.Id}", """{"object_kind":"push","ref":"refs/heads/main"}""");
        context.Request.Headers["X-Gitlab-Event"] = "Push Hook";
        context.Request.Headers["X-Gitlab-Token"] = connection.WebhookSecret;
        context.Request.Headers["Idempotency-Key"] = "worker-0001";

        var result = await Create<WebhookFunction>().RunAsync(context.Request, connection.Id);

        var (status, body) = await ExecuteAsync(result, context);
        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.Equal("queued", body.GetProperty("status").GetString());
        var queued = Assert.Single(await Get<IQueueService>().PeekMessagesAsync(_events, 5, default));
        Assert.Contains("worker-0001", queued.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_function_refuses_a_wrong_secret_with_403()
    {
        var connection = await TestConnections.CreateAsync(_host.Services);
        var context = NewContext("POST", $"/api/webhooks/gitlab/{connection.Id}", """{"object_kind":"push"}""");
        context.Request.Headers["X-Gitlab-Event"] = "Push Hook";
        context.Request.Headers["X-Gitlab-Token"] = "not-the-secret";

        var (status, _) = await ExecuteAsync(await Create<WebhookFunction>().RunAsync(context.Request, connection.Id), context);

        Assert.Equal(StatusCodes.Status403Forbidden, status);
    }

    [Fact]
    public async Task Enrich_function_takes_the_host_queue_message_and_processes_it_once()
    {
        var connection = await TestConnections.CreateAsync(_host.Services);
        var delivery = NewContext("POST", $"/api/webhooks/gitlab/{connection.Id}", """{"object_kind":"push","ref":"refs/heads/main","project":{"id":1}}""");
        delivery.Request.Headers["X-Gitlab-Event"] = "Push Hook";
        delivery.Request.Headers["X-Gitlab-Token"] = connection.WebhookSecret;
        delivery.Request.Headers["Idempotency-Key"] = "worker-0002";
        await ExecuteAsync(await Create<WebhookFunction>().RunAsync(delivery.Request, connection.Id), delivery);
        var queued = Assert.Single(await Get<IQueueService>().ReceiveMessagesAsync(_events, 1, TimeSpan.FromMinutes(1), default));

        // What the queue trigger binds: the decoded body, the dequeue count.
        var message = QueuesModelFactory.QueueMessage(queued.MessageId, queued.PopReceipt, BinaryData.FromString(queued.MessageText), queued.DequeueCount);
        await Create<EnrichFunction>().RunAsync(message, default);

        var context = NewContext("GET", $"/api/connections/{connection.Id}/events/worker-0002");
        var (status, body) = await ExecuteAsync(await Create<ConnectionFunctions>().EventStatusAsync(context.Request, connection.Id, "worker-0002", default), context);
        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.NotEqual("queued", body.GetProperty("status").GetString());
        Assert.NotEqual("pending", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Token_monitor_function_runs_on_a_timer_invocation()
    {
        var timer = new TimerInfo { IsPastDue = false, ScheduleStatus = new ScheduleStatus { Last = DateTime.UtcNow.AddHours(-6), Next = DateTime.UtcNow.AddHours(6) } };

        await Create<TokenMonitorFunction>().RunAsync(timer, default);

        // A completed run released its lease: the next run can take it at once.
        var lease = await Get<ILeaseStore>().TryAcquireAsync(GitLabConnector.Tokens.TokenMonitorRun.LeaseName, "test", TimeSpan.FromSeconds(5), default);
        Assert.NotNull(lease);
        await Get<ILeaseStore>().ReleaseAsync(lease, default);
    }

    [Fact]
    public async Task Health_function_reports_the_functions_mode()
    {
        var context = NewContext("GET", "/api/health");

        var (status, body) = await ExecuteAsync(await Create<HealthFunction>().RunAsync(context.Request, default), context);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("functions", body.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Admin_function_answers_an_unknown_connection_with_the_same_problem_as_standalone()
    {
        var context = NewContext("GET", "/api/connections/unknown0001");

        var (status, body) = await ExecuteAsync(await Create<ConnectionFunctions>().GetAsync(context.Request, "unknown0001", default), context);

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Equal("unknown-connection", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Admin_function_answers_instructions_for_an_unknown_connection_with_a_404_problem()
    {
        var context = NewContext("GET", "/api/connections/unknown0002/instructions");

        var (status, body) = await ExecuteAsync(await Create<ConnectionFunctions>().InstructionsAsync(context.Request, "unknown0002", default), context);

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Equal("unknown-connection", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Admin_function_answers_instructions_for_a_disconnected_connection_with_a_409_problem()
    {
        var connection = await TestConnections.CreateAsync(_host.Services);
        await Get<IConnectionStore>().UpdateAsync(connection.Record with { Status = ConnectionStatus.Disconnected }, default);
        var context = NewContext("GET", $"/api/connections/{connection.Id}/instructions");

        var (status, body) = await ExecuteAsync(await Create<ConnectionFunctions>().InstructionsAsync(context.Request, connection.Id, default), context);

        Assert.Equal(StatusCodes.Status409Conflict, status);
        Assert.Equal("connection-disconnected", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Admin_connect_with_malformed_json_is_a_400_problem()
    {
        var context = NewContext("POST", "/api/connections", "{");

        var (status, body) = await ExecuteAsync(await Create<ConnectionFunctions>().ConnectAsync(context.Request, default), context);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("invalid-request", body.GetProperty("reason").GetString());
    }

    private T Create<T>() => ActivatorUtilities.CreateInstance<T>(_host.Services);

    private T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    private DefaultHttpContext NewContext(string method, string path, string? json = null)
    {
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Request.Method = method;
        context.Request.Path = path;
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<(int Status, JsonElement Body)> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }
}
