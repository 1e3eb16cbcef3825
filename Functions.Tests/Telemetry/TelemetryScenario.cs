using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabConnector.Connections;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;
using GitLabConnector.Webhooks;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitLabConnector.Tests.Telemetry;

/// <summary>
/// The whole app with Application Insights on an in-memory channel, the standalone queue consumer, a fake GitLab
/// and a signed connection: one merge request event goes from the webhook through the queue to the enriched record.
/// Captures everything telemetry could see: AI items, activities, logs.
/// </summary>
internal sealed class TelemetryScenario : IAsyncDisposable
{
    public const string GitLabToken = "glpat-telemetry-secret-7f3c9a1e";
    public const string WrongToken = "wrong-webhook-secret-41d2b7";
    public const string QueryToken = "query-secret-9b8a7c";

    private TelemetryScenario(ConnectorAppHost host, FakeGitLabServer gitLab, TestConnections.Created connection, string enrichedQueue, ActivityRecorder activities, InMemoryTelemetryChannel channel, InMemoryLoggerProvider logs)
    {
        Channel = channel;
        Logs = logs;
        Host = host;
        GitLab = gitLab;
        Connection = connection;
        EnrichedQueue = enrichedQueue;
        Activities = activities;
    }

    public ConnectorAppHost Host { get; }

    public FakeGitLabServer GitLab { get; }

    public TestConnections.Created Connection { get; }

    public string EnrichedQueue { get; }

    public ActivityRecorder Activities { get; }

    public InMemoryTelemetryChannel Channel { get; }

    public InMemoryLoggerProvider Logs { get; }

    /// <summary>Signatures sent (valid and invalid); none may reach telemetry.</summary>
    public List<string> Signatures { get; } = [];

    public string PayloadMarker { get; } = "payload-marker-" + Guid.NewGuid().ToString("N");

    public static async Task<TelemetryScenario> StartAsync(AzuriteFixture azurite)
    {
        var activities = new ActivityRecorder();
        var gitLab = await FakeGitLabServer.StartAsync();
        gitLab.State.AddPersonalToken(GitLabToken, scopes: "api");
        gitLab.State.AddProject(1);
        gitLab.State.AddMergeRequest(1, 1);
        gitLab.State.AddUser(1, "alice");

        var events = AzuriteFixture.NewQueueName("events");
        var enriched = AzuriteFixture.NewQueueName("enriched");
        var channel = new InMemoryTelemetryChannel();
        var logs = new InMemoryLoggerProvider();
        var host = await ConnectorAppHost.StartAsync(
            azurite,
            [
                new("Connector:Queues:Events", events),
                new("Connector:Queues:Enriched", enriched),
                new("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/"),
                new("Logging:LogLevel:Default", "Debug"),
            ],
            services =>
            {
                services.AddSingleton<ITelemetryChannel>(channel);
                services.AddSingleton<ILoggerProvider>(logs);
            },
            workers: true);
        await host.Get<IQueueService>().CreateQueueIfNotExistsAsync(enriched, default);
        var connection = await TestConnections.CreateAsync(host, gitLab.BaseUrl, GitLabToken, SigningMode.Accept);
        return new TelemetryScenario(host, gitLab, connection, enriched, activities, channel, logs);
    }

    /// <summary>Sends the signed merge request delivery and waits for its enriched record; returns (correlationId, record).</summary>
    public async Task<(string CorrelationId, JsonElement Record)> DeliverAndEnrichAsync(string idempotencyKey)
    {
        var payload = JsonNode.Parse(PayloadFixtures.Read("merge-request.json"))!.AsObject();
        payload["object_attributes"]!["description"] = PayloadMarker;
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = StandardWebhookSignature.Sign(idempotencyKey, timestamp, body, WebhookSecretProvider.DecodeSigningKey(Connection.SigningToken!));
        Signatures.Add(signature);

        using var request = Delivery(body, Connection.WebhookSecret, $"?private_token={QueryToken}");
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.Add("webhook-id", idempotencyKey);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", signature);
        using var response = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var queues = Host.Get<IQueueService>();
        JsonElement? record = null;
        await Eventually.TrueAsync(() =>
        {
            var messages = queues.PeekMessagesAsync(EnrichedQueue, 32, default).GetAwaiter().GetResult();
            record = messages.Select(m => JsonDocument.Parse(m.MessageText).RootElement)
                .Cast<JsonElement?>()
                .FirstOrDefault(r => r!.Value.GetProperty("eventId").GetString() == idempotencyKey);
            return record is not null;
        }, "the enriched record", limitSeconds: 60);

        // The enrich span stops after the record is published; wait for it, then flush AI's metric aggregates.
        var correlationId = record!.Value.GetProperty("correlationId").GetString()!;
        await Eventually.TrueAsync(() => Activities.InTrace(correlationId).Any(a => a.OperationName == "enrich"), "the enrich span to stop");
        Host.Get<TelemetryClient>().Flush();
        return (correlationId, record.Value);
    }

    /// <summary>A delivery with a wrong token and a forged signature (both refused).</summary>
    public async Task<HttpStatusCode> DeliverForgedAsync()
    {
        var body = PayloadFixtures.Read("merge-request.json");
        var forged = "v1," + Convert.ToBase64String(Encoding.UTF8.GetBytes("forged-signature-" + Guid.NewGuid().ToString("N")));
        Signatures.Add(forged);
        using var request = Delivery(body, WrongToken, string.Empty);
        request.Headers.Add("webhook-id", "forged-1");
        request.Headers.Add("webhook-timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", forged);
        using var response = await Host.Client.SendAsync(request);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await GitLab.DisposeAsync();
        Activities.Dispose();
    }

    private HttpRequestMessage Delivery(byte[] body, string token, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/gitlab/{Connection.Id}{query}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitlab-Event", "Merge Request Hook");
        request.Headers.Add("X-Gitlab-Token", token);
        return request;
    }
}
