using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Webhooks;

[Collection(AzuriteCollection.Name)]
public sealed class WebhookEndpointSmokeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Accepted_delivery_is_queued_with_the_envelope()
    {
        var queue = AzuriteFixture.NewQueueName("events");
        await using var host = await ConnectorAppHost.StartAsync(azurite, [new("Connector:Queues:Events", queue)]);
        var connection = await TestConnections.CreateAsync(host);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/gitlab/{connection.Id}")
        {
            Content = new ByteArrayContent(PayloadFixtures.Read("push.json")),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitlab-Event", "Push Hook");
        request.Headers.Add("X-Gitlab-Token", connection.WebhookSecret);
        request.Headers.Add("Idempotency-Key", "idem-smoke-1");
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("idem-smoke-1", body.RootElement.GetProperty("eventId").GetString());
        Assert.Equal("queued", body.RootElement.GetProperty("status").GetString());

        var messages = await host.Get<IQueueService>().PeekMessagesAsync(queue, 32, default);
        var envelope = JsonDocument.Parse(Assert.Single(messages).MessageText).RootElement;
        Assert.Equal(connection.Id, envelope.GetProperty("connectionId").GetString());
        Assert.Equal("push", envelope.GetProperty("objectKind").GetString());
        Assert.Equal("idem-smoke-1", envelope.GetProperty("dedupeKey").GetString());
        Assert.Equal("push", envelope.GetProperty("payload").GetProperty("object_kind").GetString());
    }
}
