using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabConnector.Admin;
using GitLabConnector.Storage;
using GitLabConnector.Sync;
using GitLabConnector.Tests.Enrichment.Processing;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Sync;

/// <summary>
/// The enrichment pipeline host with its own sync queue: starts syncs through the admin route and works the queued sync
/// pages itself, one at a time, as the queue trigger would (success deletes the message; a failure leaves it).
/// </summary>
internal sealed class SyncTestHost(EnrichmentPipelineHost pipeline, string syncQueue) : IAsyncDisposable
{
    public EnrichmentPipelineHost Pipeline { get; } = pipeline;

    public string SyncQueue { get; } = syncQueue;

    public static async Task<SyncTestHost> StartAsync(AzuriteFixture azurite, IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? services = null)
    {
        var queue = AzuriteFixture.NewQueueName("sync");
        var pipeline = await EnrichmentPipelineHost.StartAsync(
            azurite,
            settings: [new("Connector:Queues:Sync", queue), new("Connector:GitLab:MaxRetries", "0"), .. settings ?? []],
            services: services);
        return new SyncTestHost(pipeline, queue);
    }

    public async Task<HttpResponseMessage> PostSyncAsync(object? body = null, string? connectionId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/connections/{connectionId ?? Pipeline.ConnectionId}/sync");
        request.Headers.Add(AdminKeyFilter.HeaderName, ConnectorAppHost.AdminKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Pipeline.App.Client.SendAsync(request);
    }

    /// <summary>Starts a sync and returns its id (asserting the 202).</summary>
    public async Task<string> StartSyncAsync(object? body = null)
    {
        using var response = await PostSyncAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("queued", json.RootElement.GetProperty("status").GetString());
        return json.RootElement.GetProperty("syncId").GetString()!;
    }

    public async Task<JsonElement> StatusAsync(string syncId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/connections/{Pipeline.ConnectionId}/sync/{syncId}");
        request.Headers.Add(AdminKeyFilter.HeaderName, ConnectorAppHost.AdminKey);
        using var response = await Pipeline.App.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Works queued sync pages until none is left (or <paramref name="maxPages"/> were worked); returns how many failed.</summary>
    public async Task<int> WorkPagesAsync(int maxPages = 200)
    {
        var queues = Pipeline.App.Get<IQueueService>();
        var worker = Pipeline.App.Get<SyncPageWorker>();
        var failed = 0;
        for (var i = 0; i < maxPages; i++)
        {
            var messages = await queues.ReceiveMessagesAsync(SyncQueue, 1, TimeSpan.FromMilliseconds(1500), default);
            if (messages.Count == 0)
            {
                return failed;
            }

            try
            {
                await worker.ProcessAsync(messages[0].MessageId, messages[0].MessageText, messages[0].DequeueCount, default);
                await queues.DeleteMessageAsync(SyncQueue, messages[0].MessageId, messages[0].PopReceipt!, default);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failed++;
            }
        }

        return failed;
    }

    /// <summary>The published records with the given <c>source</c>.</summary>
    public async Task<IReadOnlyList<JsonElement>> PublishedAsync(string source) =>
        [.. (await Pipeline.PublishedAsync()).Where(r => r.GetProperty("source").GetString() == source)];

    public ValueTask DisposeAsync() => Pipeline.DisposeAsync();

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();
}
