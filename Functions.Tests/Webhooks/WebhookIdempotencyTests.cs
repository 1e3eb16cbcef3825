using System.Net;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Event id and dedupe key (docs/webhooks.md) as a GitLab resend sees them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookIdempotencyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _queue = AzuriteFixture.NewQueueName("idem");
    private ConnectorAppHost _host = null!;
    private TestConnections.Created _connection = null!;

    public async Task InitializeAsync()
    {
        _host = await ConnectorAppHost.StartAsync(azurite, [new("Connector:Queues:Events", _queue)]);
        _connection = await TestConnections.CreateAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Resend_with_the_same_Idempotency_Key_has_the_same_event_id_and_dedupe_key()
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = WebhookRequests.Push(_connection, "idem-resend-7f3a");
            request.Headers.Add("X-Gitlab-Event-UUID", $"uuid-attempt-{attempt}");
            using var response = await _host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal("idem-resend-7f3a", (await WebhookRequests.JsonAsync(response)).GetProperty("eventId").GetString());
        }

        var envelopes = await QueuedEvents.PeekAsync(azurite, _queue);
        Assert.Equal(2, envelopes.Count);
        Assert.All(envelopes, e =>
        {
            Assert.Equal("idem-resend-7f3a", e.GetProperty("eventId").GetString());
            Assert.Equal("idem-resend-7f3a", e.GetProperty("dedupeKey").GetString());
        });
    }

    [Fact]
    public async Task Without_Idempotency_Key_the_event_uuid_is_the_id_and_the_body_hash_dedupes_resends()
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = WebhookRequests.Push(_connection);
            request.Headers.Add("X-Gitlab-Event-UUID", $"uuid-old-gitlab-{attempt}");
            using var response = await _host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal($"uuid-old-gitlab-{attempt}", (await WebhookRequests.JsonAsync(response)).GetProperty("eventId").GetString());
        }

        var keys = (await QueuedEvents.PeekAsync(azurite, _queue)).Select(e => e.GetProperty("dedupeKey").GetString()).Distinct().ToList();
        var key = Assert.Single(keys);
        Assert.Matches("^sha256-[0-9a-f]{64}$", key);
    }

    [Fact]
    public async Task Webhook_id_stands_in_for_a_missing_Idempotency_Key()
    {
        using var request = WebhookRequests.Push(_connection);
        request.Headers.Add("webhook-id", "msg_2bVx9");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var envelope = Assert.Single(await QueuedEvents.PeekAsync(azurite, _queue));
        Assert.Equal("msg_2bVx9", envelope.GetProperty("eventId").GetString());
        Assert.Equal("msg_2bVx9", envelope.GetProperty("dedupeKey").GetString());
    }

    [Fact]
    public async Task Unsafe_event_uuid_is_not_used_as_the_id()
    {
        using var request = WebhookRequests.Push(_connection);
        request.Headers.Add("X-Gitlab-Event-UUID", "../../not/a/uuid");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var eventId = (await WebhookRequests.JsonAsync(response)).GetProperty("eventId").GetString();
        Assert.True(Guid.TryParse(eventId, out _), eventId);
        var envelope = Assert.Single(await QueuedEvents.PeekAsync(azurite, _queue));
        Assert.False(envelope.TryGetProperty("eventUuid", out _));
    }
}
