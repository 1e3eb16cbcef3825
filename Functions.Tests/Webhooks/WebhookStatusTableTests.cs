using System.Net;
using System.Text;
using GitLabConnector.Connections;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>docs/webhooks.md status table, row by row, over real HTTP into Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookStatusTableTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int MaxPayloadBytes = 16 * 1024;
    private readonly string _queue = AzuriteFixture.NewQueueName("status");
    private ConnectorAppHost _host = null!;
    private TestConnections.Created _connection = null!;

    public async Task InitializeAsync()
    {
        _host = await ConnectorAppHost.StartAsync(azurite, [
            new("Connector:Queues:Events", _queue),
            new("Connector:MaxPayloadBytes", MaxPayloadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        _connection = await TestConnections.CreateAsync(_host, events: ["Push Hook", "Merge Request Hook"]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Accepted_delivery_answers_202_queued_and_enqueues_the_full_envelope()
    {
        var body = PayloadFixtures.Read("push.json");
        using var request = WebhookRequests.Post(_connection.Id, body, "Push Hook", _connection.WebhookSecret);
        request.Headers.Add("Idempotency-Key", "idem-status-queued");
        request.Headers.Add("X-Gitlab-Event-UUID", "evt-uuid-1");
        request.Headers.Add("X-Gitlab-Webhook-UUID", "hook-uuid-1");
        request.Headers.Add("X-Gitlab-Instance", "https://gitlab.example.com");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await WebhookRequests.JsonAsync(response);
        Assert.Equal("idem-status-queued", answer.GetProperty("eventId").GetString());
        Assert.Equal("queued", answer.GetProperty("status").GetString());

        var envelope = Assert.Single(await QueuedEvents.PeekAsync(azurite, _queue));
        Assert.Equal("gitlab-connector/event@1", envelope.GetProperty("schema").GetString());
        Assert.Equal("idem-status-queued", envelope.GetProperty("eventId").GetString());
        Assert.Equal("idem-status-queued", envelope.GetProperty("dedupeKey").GetString());
        Assert.Equal("idem-status-queued", envelope.GetProperty("idempotencyKey").GetString());
        Assert.Equal(_connection.Id, envelope.GetProperty("connectionId").GetString());
        Assert.Equal("Push Hook", envelope.GetProperty("eventName").GetString());
        Assert.Equal("push", envelope.GetProperty("objectKind").GetString());
        Assert.Equal("hook-uuid-1", envelope.GetProperty("webhookUuid").GetString());
        Assert.Equal("evt-uuid-1", envelope.GetProperty("eventUuid").GetString());
        Assert.Equal("https://gitlab.example.com", envelope.GetProperty("instance").GetString());
        var receivedAt = envelope.GetProperty("receivedAt").GetDateTimeOffset();
        Assert.InRange(receivedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.False(envelope.TryGetProperty("payloadRef", out _));
        Assert.Equal(Encoding.UTF8.GetString(body).Trim(), envelope.GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task Unsubscribed_event_answers_202_ignored_and_enqueues_nothing()
    {
        using var request = WebhookRequests.Post(_connection.Id, PayloadFixtures.Read("issue.json"), "Issue Hook", _connection.WebhookSecret);
        request.Headers.Add("X-Gitlab-Event-UUID", "evt-ignored-1");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await WebhookRequests.JsonAsync(response);
        Assert.Equal("evt-ignored-1", answer.GetProperty("eventId").GetString());
        Assert.Equal("ignored", answer.GetProperty("status").GetString());
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }

    [Fact]
    public async Task Missing_token_answers_401()
    {
        using var request = WebhookRequests.Post(_connection.Id, PayloadFixtures.Read("push.json"), "Push Hook", token: null);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing-token", await WebhookRequests.ProblemReasonAsync(response));
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }

    [Fact]
    public async Task Wrong_token_answers_403_without_echoing_either_token()
    {
        const string wrong = "not-the-secret-4f1c";
        using var request = WebhookRequests.Post(_connection.Id, PayloadFixtures.Read("push.json"), "Push Hook", wrong);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(wrong, text, StringComparison.Ordinal);
        Assert.DoesNotContain(_connection.WebhookSecret, text, StringComparison.Ordinal);
        Assert.Equal("invalid-token", await WebhookRequests.ProblemReasonAsync(response));
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }

    [Fact]
    public async Task Unknown_connection_answers_404()
    {
        using var request = WebhookRequests.Post("tdoesnotexist", PayloadFixtures.Read("push.json"), "Push Hook", _connection.WebhookSecret);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown-connection", await WebhookRequests.ProblemReasonAsync(response));
    }

    [Fact]
    public async Task Disconnected_connection_answers_404_at_once_when_this_instance_invalidates()
    {
        var connection = await TestConnections.CreateAsync(_host);
        using (var first = WebhookRequests.Push(connection))
        using (var accepted = await _host.Client.SendAsync(first))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var store = _host.Get<IConnectionStore>();
        var current = await store.GetAsync(connection.Id, default);
        await store.UpdateAsync(current! with { Status = ConnectionStatus.Disconnected }, default);
        _host.Get<ConnectionCache>().Invalidate(connection.Id);
        await QueuedEvents.DrainAsync(azurite, _queue);

        using var request = WebhookRequests.Push(connection);
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown-connection", await WebhookRequests.ProblemReasonAsync(response));
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }

    [Theory]
    [InlineData(null, "{\"object_kind\":\"push\"}", "missing-event")]
    [InlineData("Unheard Of Hook", "{\"object_kind\":\"push\"}", "unknown-event")]
    [InlineData("Push Hook", "[{\"object_kind\":\"push\"}]", "not-an-object")]
    [InlineData("Push Hook", "\"push\"", "not-an-object")]
    [InlineData("Push Hook", "{\"object_kind\":\"merge_request\"}", "kind-mismatch")]
    [InlineData("Push Hook", "{\"object_kind\":\"push\"", "invalid-json")]
    public async Task Invalid_delivery_answers_400_problem_naming_the_reason(string? eventName, string body, string reason)
    {
        using var request = WebhookRequests.Post(_connection.Id, Encoding.UTF8.GetBytes(body), eventName, _connection.WebhookSecret);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, await WebhookRequests.ProblemReasonAsync(response));
        var problem = await WebhookRequests.JsonAsync(response);
        Assert.Equal(reason, problem.GetProperty("title").GetString());
        Assert.Equal("about:blank", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }

    [Fact]
    public async Task Body_over_the_payload_limit_answers_413()
    {
        var body = Encoding.UTF8.GetBytes("{\"object_kind\":\"push\",\"pad\":\"" + new string('x', MaxPayloadBytes) + "\"}");
        using var request = WebhookRequests.Post(_connection.Id, body, "Push Hook", _connection.WebhookSecret);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload-too-large", await WebhookRequests.ProblemReasonAsync(response));
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }

    [Fact]
    public async Task Body_exactly_at_the_payload_limit_is_accepted()
    {
        var prefix = "{\"object_kind\":\"push\",\"pad\":\"";
        var body = Encoding.UTF8.GetBytes(prefix + new string('x', MaxPayloadBytes - prefix.Length - 2) + "\"}");
        Assert.Equal(MaxPayloadBytes, body.Length);
        using var request = WebhookRequests.Post(_connection.Id, body, "Push Hook", _connection.WebhookSecret);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(await QueuedEvents.DrainAsync(azurite, _queue));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Non_json_content_type_answers_415(string? contentType)
    {
        using var request = WebhookRequests.Post(_connection.Id, PayloadFixtures.Read("push.json"), "Push Hook", _connection.WebhookSecret, contentType);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported-media-type", await WebhookRequests.ProblemReasonAsync(response));
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }
}
