using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Enrichment.Processing;

/// <summary>
/// The whole app over Azurite with its own events/enriched queues, a fake GitLab seeded with the resources the
/// payload fixtures reference, and one connection whose token the fake knows. Deliveries go through the real webhook
/// endpoint; tests then run the processor on the queued message themselves (deterministic), or let the standalone
/// consumer do it (<c>workers: true</c>).
/// </summary>
internal sealed class EnrichmentPipelineHost : IAsyncDisposable
{
    public const string Token = "glpat-enrich-it-valid-token";

    private EnrichmentPipelineHost(FakeGitLabServer gitLab, ConnectorAppHost app, TestConnections.Created connection, string eventsQueue, string enrichedQueue)
    {
        GitLab = gitLab;
        App = app;
        Connection = connection;
        EventsQueue = eventsQueue;
        EnrichedQueue = enrichedQueue;
    }

    public FakeGitLabServer GitLab { get; }

    public ConnectorAppHost App { get; }

    public TestConnections.Created Connection { get; }

    public string ConnectionId => Connection.Id;

    public string EventsQueue { get; }

    public string EnrichedQueue { get; }

    public IQueueService Queues => App.Get<IQueueService>();

    public EnrichmentProcessor Processor => App.Get<EnrichmentProcessor>();

    /// <param name="token">The connection's token as stored (null: none stored); the fake GitLab always knows <see cref="Token"/>.</param>
    /// <param name="settings">Extra app settings.</param>
    /// <param name="services">Service overrides (a fake Key Vault's SecretClient, a clock, a faster backoff).</param>
    /// <param name="workers">Run the standalone queue consumer.</param>
    /// <param name="gitLabCertificate">Serve the fake GitLab over HTTPS with this certificate.</param>
    public static async Task<EnrichmentPipelineHost> StartAsync(
        AzuriteFixture azurite,
        string? token = Token,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<IServiceCollection>? services = null,
        bool workers = false,
        X509Certificate2? gitLabCertificate = null)
    {
        var gitLab = await FakeGitLabServer.StartAsync(certificate: gitLabCertificate);
        gitLab.State.AddPersonalToken(Token, userId: 1, username: "root");
        FakeGitLabSamples.Seed(gitLab.State);
        var events = AzuriteFixture.NewQueueName("events");
        var enriched = AzuriteFixture.NewQueueName("enriched");
        var all = new List<KeyValuePair<string, string?>>
        {
            new("Connector:Queues:Events", events),
            new("Connector:Queues:Enriched", enriched),
        };
        all.AddRange(settings ?? []);
        var app = await ConnectorAppHost.StartAsync(azurite, all, services, workers);
        var connection = await TestConnections.CreateAsync(app, gitLab.BaseUrl, token);
        await app.Get<IQueueService>().CreateQueueIfNotExistsAsync(events, default);
        return new EnrichmentPipelineHost(gitLab, app, connection, events, enriched);
    }

    /// <summary>POSTs a payload fixture (optionally changed) to the webhook endpoint; returns the event id.</summary>
    public async Task<string> DeliverAsync(string fixture, string idempotencyKey, Action<JsonObject>? change = null)
    {
        var payload = JsonNode.Parse(PayloadFixtures.Read(fixture))!.AsObject();
        change?.Invoke(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/gitlab/{ConnectionId}")
        {
            Content = new StringContent(payload.ToJsonString()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitlab-Event", PayloadFixtures.All[fixture]);
        request.Headers.Add("X-Gitlab-Token", Connection.WebhookSecret);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await App.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("eventId").GetString()!;
    }

    /// <summary>Receives one message from the events queue (as the trigger would) and hands it over as the handler sees it.</summary>
    public async Task<EnrichmentMessage> ReceiveAsync() => ToHandlerMessage(await ReceiveQueuedAsync());

    /// <summary>Receives the next queued event and runs the processor on it once (success deletes it, like the trigger).</summary>
    public async Task ProcessNextAsync()
    {
        var message = await ReceiveQueuedAsync();
        await Processor.ProcessAsync(ToHandlerMessage(message), default);
        await Queues.DeleteMessageAsync(EventsQueue, message.MessageId, message.PopReceipt!, default);
    }

    private static EnrichmentMessage ToHandlerMessage(QueueMessage message) => new(message.MessageId, message.MessageText, message.DequeueCount);

    private async Task<QueueMessage> ReceiveQueuedAsync() => Assert.Single(await Queues.ReceiveMessagesAsync(EventsQueue, 1, TimeSpan.FromMinutes(5), default));

    /// <summary>The records published on the enriched queue so far (peeked, so assertions have no side effects).</summary>
    public async Task<IReadOnlyList<JsonElement>> PublishedAsync()
    {
        try
        {
            var messages = await Queues.PeekMessagesAsync(EnrichedQueue, 32, default);
            return [.. messages.Select(m => JsonDocument.Parse(m.MessageText).RootElement.Clone())];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    public async Task<JsonElement> PublishedRecordAsync(string eventId) =>
        Assert.Single(await PublishedAsync(), r => r.GetProperty("eventId").GetString() == eventId);

    /// <summary>The record stored in the <c>enriched</c> table, or null.</summary>
    public async Task<JsonElement?> StoredRecordAsync(string eventId) =>
        await App.Get<EnrichedRecordStore>().GetJsonAsync(ConnectionId, eventId, default) is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null;

    public async Task<int> QueueLengthAsync(string queue)
    {
        try
        {
            return (await Queues.PeekMessagesAsync(queue, 32, default)).Count;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    public Task<ConnectionRecord?> ConnectionAsync() => App.Get<IConnectionStore>().GetAsync(ConnectionId, default);

    public async Task<Azure.Data.Tables.TableEntity?> DedupeRowAsync(string dedupeKey)
    {
        var row = await App.Get<Azure.Data.Tables.TableServiceClient>().GetTableClient(DedupeStore.TableName)
            .GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(ConnectionId, DedupeStore.RowKey(dedupeKey));
        return row.HasValue ? row.Value : null;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await GitLab.DisposeAsync();
    }
}
