using GitLabConnector.Tests.Fixtures;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GitLabConnector.Hosting;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace GitLabConnector.Tests.Hosting;

/// <summary>Starts the real app in Functions mode on a loopback port and drives it the way the Functions host does.</summary>
public sealed class FunctionsModeTests(FunctionsModeTests.AppFixture app) : IClassFixture<FunctionsModeTests.AppFixture>
{
    private const string QueueFunctionName = "test-queue";
    private const string FailingFunctionName = "test-failing";
    private const string TimerFunctionName = "test-timer";

    [Fact]
    public async Task Readiness_probe_on_root_is_answered()
    {
        using var response = await app.Client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Forwarded_http_request_reaches_the_api_route()
    {
        using var response = await app.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("functions", report.RootElement.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Queue_invocation_in_the_documented_shape_reaches_the_handler()
    {
        var body = """
            { "Data": { "message": "{\"kind\":\"push\",\"n\":1}" },
              "Metadata": { "DequeueCount": 1, "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865", "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
                            "InsertionTime": "2019-10-09T17:58:31+00:00", "sys": { "MethodName": "QueueTrigger" } } }
            """;
        var (response, invocationId) = await InvokeAsync(QueueFunctionName, body);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(JsonValueKind.Object, reply.RootElement.GetProperty("Outputs").ValueKind);
            Assert.Equal(JsonValueKind.Array, reply.RootElement.GetProperty("Logs").ValueKind);
            Assert.Equal(JsonValueKind.Null, reply.RootElement.GetProperty("ReturnValue").ValueKind);
        }

        var message = app.Queue.Received[invocationId];
        Assert.Equal("""{"kind":"push","n":1}""", message.MessageText);
        Assert.Equal(1, message.DequeueCount);
        Assert.Equal("800ae4b3-bdd2-4c08-badd-f08e5a34b865", message.MessageId);
        Assert.Equal("AgAAAAMAAAAAAAAAAgtnj8x+1QE=", message.PopReceipt);
        Assert.Equal(new DateTimeOffset(2019, 10, 9, 17, 58, 31, TimeSpan.Zero), message.InsertionTime);
        Assert.Equal(invocationId, message.InvocationId);
    }

    [Fact]
    public async Task Queue_invocation_with_double_encoded_values_reaches_the_handler_with_the_same_text()
    {
        // What the host source produces: every string and number passed through JsonConvert.SerializeObject once more.
        var text = """{"kind":"push","n":1}""";
        var body = JsonSerializer.Serialize(new
        {
            Data = new { message = JsonSerializer.Serialize(text) },
            Metadata = new
            {
                DequeueCount = "3",
                Id = JsonSerializer.Serialize("800ae4b3-bdd2-4c08-badd-f08e5a34b865"),
                PopReceipt = JsonSerializer.Serialize("AgAAAAMAAAAAAAAAAgtnj8x+1QE="),
                InsertionTime = JsonSerializer.Serialize("2019-10-09T17:58:31+00:00"),
            },
        });
        var (response, invocationId) = await InvokeAsync(QueueFunctionName, body);
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var message = app.Queue.Received[invocationId];
        Assert.Equal(text, message.MessageText);
        Assert.Equal(3, message.DequeueCount);
        Assert.Equal("800ae4b3-bdd2-4c08-badd-f08e5a34b865", message.MessageId);
        Assert.Equal("AgAAAAMAAAAAAAAAAgtnj8x+1QE=", message.PopReceipt);
        Assert.Equal(new DateTimeOffset(2019, 10, 9, 17, 58, 31, TimeSpan.Zero), message.InsertionTime);
    }

    [Fact]
    public async Task Queue_item_passed_as_a_json_object_reaches_the_handler_as_its_json_text()
    {
        var (response, invocationId) = await InvokeAsync(QueueFunctionName, """{ "Data": { "message": { "kind": "push" } }, "Metadata": { "DequeueCount": "\"2\"" } }""");
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var text = JsonDocument.Parse(app.Queue.Received[invocationId].MessageText);
        Assert.Equal("push", text.RootElement.GetProperty("kind").GetString());
        Assert.Equal(2, app.Queue.Received[invocationId].DequeueCount);
    }

    [Fact]
    public async Task Failing_handler_fails_the_invocation_without_leaking_the_exception()
    {
        var (response, _) = await InvokeAsync(FailingFunctionName, """{ "Data": { "message": "{}" }, "Metadata": { "DequeueCount": 1 } }""");
        using (response)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.DoesNotContain(FailingQueueFunction.SecretInMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Timer_invocation_with_schedule_status_reaches_the_timer_function()
    {
        var body = """
            { "Data": { "timer": { "Schedule": { "AdjustForDST": true },
                                   "ScheduleStatus": { "Last": "2026-10-04T10:15:00+00:00", "Next": "2026-10-04T16:15:00+00:00", "LastUpdated": "2026-10-04T10:16:00+00:00" },
                                   "IsPastDue": true } },
              "Metadata": { "sys": { "MethodName": "token-monitor" } } }
            """;
        var (response, invocationId) = await InvokeAsync(TimerFunctionName, body);
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(new TimerTriggerInfo(true, new DateTimeOffset(2026, 10, 4, 10, 15, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 4, 16, 15, 0, TimeSpan.Zero)), app.Timer.Runs);
        Assert.NotNull(invocationId);
    }

    [Fact]
    public async Task Timer_invocation_without_schedule_status_reaches_the_timer_function()
    {
        var before = app.Timer.Runs.Count;
        var (response, _) = await InvokeAsync(TimerFunctionName, """{ "Data": { "timer": { "Schedule": {}, "ScheduleStatus": null, "IsPastDue": false } }, "Metadata": {} }""");
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(app.Timer.Runs.Count > before);
        Assert.Contains(new TimerTriggerInfo(false, null, null), app.Timer.Runs);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{ "Metadata": {} }""")]
    [InlineData("""{ "Data": { "message": "{}" }, "Metadata": { "DequeueCount": "many" } }""")]
    [InlineData("""{ "Data": { "a": "1", "b": "2" } }""")]
    public async Task Malformed_invocation_body_is_a_bad_request(string body)
    {
        var (response, invocationId) = await InvokeAsync(QueueFunctionName, body);
        response.Dispose();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(app.Queue.Received.ContainsKey(invocationId));
    }

    [Fact]
    public async Task Unknown_function_is_not_found()
    {
        var (response, _) = await InvokeAsync("no-such-function", """{ "Data": {} }""");
        response.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(HttpResponseMessage Response, string InvocationId)> InvokeAsync(string functionName, string body)
    {
        var invocationId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/{functionName}", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(FunctionInvocationEndpoints.InvocationIdHeader, invocationId);
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1040.0");
        return (await app.Client.SendAsync(request), invocationId);
    }

    public sealed class AppFixture : IAsyncLifetime
    {
        private WebApplication? _app;

        public RecordingQueueFunction Queue { get; } = new();

        public RecordingTimerFunction Timer { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var port = LoopbackPorts.Free();
            _app = ConnectorApplication.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [HostingMode.CustomHandlerPortSetting] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
                });
                // Storage and secrets stand-ins: this test is about the host protocol, and nothing may connect at start-up.
                builder.Services.AddSingleton(Substitute.For<IQueueService>());
                builder.Services.AddSingleton(Substitute.For<Azure.Data.Tables.TableServiceClient>());
                builder.Services.AddSingleton(Substitute.For<IBlobService>());
                builder.Services.AddSingleton(Substitute.For<ILeaseStore>());
                var secrets = Substitute.For<ISecretStore>();
                secrets.IsAvailableAsync(Arg.Any<CancellationToken>()).Returns(true);
                builder.Services.AddSingleton(secrets);
                builder.Services.AddSingleton<IQueueFunction>(Queue);
                builder.Services.AddSingleton<IQueueFunction>(new FailingQueueFunction());
                builder.Services.AddSingleton<ITimerFunction>(Timer);
            });
            Assert.True(_app.Services.GetRequiredService<HostingMode>().IsFunctionsHost);
            await _app.StartAsync();
            Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }

    }

    public sealed class RecordingQueueFunction : IQueueFunction
    {
        public ConcurrentDictionary<string, QueueTriggerMessage> Received { get; } = new();

        public string FunctionName => QueueFunctionName;

        public string QueueName => "test-events";

        public string QueueNameSetting => FunctionCatalog.EventsQueueSetting;

        public Task HandleAsync(QueueTriggerMessage message, CancellationToken cancellationToken)
        {
            Received[message.InvocationId!] = message;
            return Task.CompletedTask;
        }
    }

    public sealed class FailingQueueFunction : IQueueFunction
    {
        public const string SecretInMessage = "glpat-should-never-leave-the-process";

        public string FunctionName => FailingFunctionName;

        public string QueueName => "test-failing";

        public string QueueNameSetting => FunctionCatalog.EventsQueueSetting;

        public Task HandleAsync(QueueTriggerMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"token {SecretInMessage} rejected");
    }

    public sealed class RecordingTimerFunction : ITimerFunction
    {
        private readonly ConcurrentQueue<TimerTriggerInfo> _runs = new();

        public IReadOnlyCollection<TimerTriggerInfo> Runs => _runs;

        public string FunctionName => TimerFunctionName;

        public string Schedule => "0 0 */6 * * *";

        public string ScheduleSetting => FunctionCatalog.TokensScheduleSetting;

        public Task RunAsync(TimerTriggerInfo timer, CancellationToken cancellationToken)
        {
            _runs.Enqueue(timer);
            return Task.CompletedTask;
        }
    }
}
