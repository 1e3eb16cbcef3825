using System.Globalization;
using System.Net;
using GitLabConnector.Connections;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>A signed delivery proves what it can from its headers before any byte of its body is read, and reads it within the instance's unverified-bytes budget.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookUnverifiedBodyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Budget = 1024 * 1024;
    private ConnectorAppHost _host = null!;
    private FakeTimeProvider _clock = null!;

    public async Task InitializeAsync() => (_host, _clock, _) = await FakeClockHost.StartAsync(azurite,
        new("Connector:MaxUnverifiedBytes", Budget.ToString(CultureInfo.InvariantCulture)),
        new("Connector:MaxPayloadBytes", Budget.ToString(CultureInfo.InvariantCulture)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("stale", 403)]
    [InlineData("future", 403)]
    [InlineData("malformed-signature", 403)]
    [InlineData("short-signature", 403)]
    [InlineData("no-id", 401)]
    public async Task A_signed_delivery_refused_on_its_headers_is_never_read(string defect, int expected)
    {
        var connection = await TestConnections.CreateAsync(_host, signing: SigningMode.Accept);
        var now = _clock.GetUtcNow();
        var timestamp = defect switch
        {
            "stale" => now.AddMinutes(-6),
            "future" => now.AddMinutes(6),
            _ => now,
        };
        var signature = defect switch
        {
            "malformed-signature" => "v1,not base64!",
            "short-signature" => "v1," + Convert.ToBase64String(new byte[16]),
            _ => "v1," + Convert.ToBase64String(new byte[32]),
        };
        var body = new UnreadableBody();
        var context = IngestionCall.Request(_host, body, 20_000_000,
            ("webhook-id", defect == "no-id" ? string.Empty : "msg_1"),
            ("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ("webhook-signature", signature));

        var (status, _) = await IngestionCall.SendAsync(_host, context, connection.Id);

        Assert.Equal(expected, status);
        Assert.Equal(0, body.Reads);
    }

    [Fact]
    public async Task A_signed_delivery_beyond_the_unverified_budget_is_answered_503_with_Retry_After_and_not_read()
    {
        var connection = await TestConnections.CreateAsync(_host, signing: SigningMode.Accept);
        var payload = PayloadFixtures.Read("push.json");
        var budget = _host.Get<UnverifiedBodyBudget>();
        using (var held = budget.Open())
        {
            Assert.True(held.TryReserve(Budget - 1024));
            using var request = Signed(connection, payload, "msg_over");
            using var refused = await _host.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("unverified-budget-exhausted", await WebhookRequests.ProblemReasonAsync(refused));
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        using var retry = Signed(connection, payload, "msg_over");
        using var accepted = await _host.Client.SendAsync(retry);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public async Task A_body_read_to_check_a_wrong_signature_gives_its_bytes_back()
    {
        var connection = await TestConnections.CreateAsync(_host, signing: SigningMode.Accept);
        var payload = PayloadFixtures.Read("push.json");
        using var request = WebhookRequests.Post(connection.Id, payload);
        WebhookRequests.Sign(request, payload, "whsec_" + Convert.ToBase64String(new byte[32]), "msg_wrong", _clock.GetUtcNow());

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("invalid-signature", await WebhookRequests.ProblemReasonAsync(response));
        Assert.Equal(0, _host.Get<UnverifiedBodyBudget>().InFlight);
    }

    private HttpRequestMessage Signed(TestConnections.Created connection, byte[] payload, string id)
    {
        var request = WebhookRequests.Post(connection.Id, payload);
        WebhookRequests.Sign(request, payload, connection.SigningToken!, id, _clock.GetUtcNow());
        return request;
    }
}
