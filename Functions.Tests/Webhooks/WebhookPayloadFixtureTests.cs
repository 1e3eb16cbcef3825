using System.Net;
using System.Text;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Every documented GitLab payload (PayloadFixtures) is accepted with 202 through real HTTP and queued intact.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookPayloadFixtureTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _queue = AzuriteFixture.NewQueueName("fixtures");
    private ConnectorAppHost _host = null!;
    private TestConnections.Created _connection = null!;

    public static TheoryData<string, string> Payloads => PayloadFixtures.AllAsTheory();

    public async Task InitializeAsync()
    {
        _host = await ConnectorAppHost.StartAsync(azurite, [new("Connector:Queues:Events", _queue)]);
        _connection = await TestConnections.CreateAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Documented_payload_is_accepted_and_queued(string file, string eventName)
    {
        var body = PayloadFixtures.Read(file);
        using var request = WebhookRequests.Post(_connection.Id, body, eventName, _connection.WebhookSecret);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await WebhookRequests.JsonAsync(response);
        Assert.Equal("queued", answer.GetProperty("status").GetString());
        var envelope = Assert.Single(await QueuedEvents.PeekAsync(azurite, _queue));
        Assert.Equal(answer.GetProperty("eventId").GetString(), envelope.GetProperty("eventId").GetString());
        Assert.Equal(eventName, envelope.GetProperty("eventName").GetString());
        Assert.StartsWith("sha256-", envelope.GetProperty("dedupeKey").GetString(), StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(body).Trim(), envelope.GetProperty("payload").GetRawText());
    }
}
