using System.Net;
using System.Security.Cryptography;
using GitLabConnector.Connections;
using GitLabConnector.Secrets;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Token rotation overlap and Standard Webhooks signatures, end to end with a fake clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookAuthenticationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Overlap = TimeSpan.FromHours(1);
    private ConnectorAppHost _host = null!;
    private FakeTimeProvider _clock = null!;
    private string _queue = null!;

    public async Task InitializeAsync() => (_host, _clock, _queue) = await FakeClockHost.StartAsync(azurite);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Previous_webhook_secret_is_accepted_inside_the_overlap_and_refused_after_it()
    {
        var connection = await TestConnections.CreateAsync(_host);
        var newSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var version = await _host.Get<ISecretStore>().SetAsync(SecretNames.WebhookSecret(connection.Id), newSecret, null, default);
        await RotateAsync(connection.Id, r => r with
        {
            WebhookSecretVersion = version.Version,
            PreviousWebhookSecretVersion = r.WebhookSecretVersion,
        });

        Assert.Equal(HttpStatusCode.Accepted, await SendTokenAsync(connection.Id, connection.WebhookSecret));
        Assert.Equal(HttpStatusCode.Accepted, await SendTokenAsync(connection.Id, newSecret));

        _clock.Advance(Overlap + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Forbidden, await SendTokenAsync(connection.Id, connection.WebhookSecret));
        Assert.Equal(HttpStatusCode.Accepted, await SendTokenAsync(connection.Id, newSecret));
        Assert.Equal(3, (await QueuedEvents.PeekAsync(azurite, _queue)).Count);
    }

    [Fact]
    public async Task Valid_signature_is_accepted_without_a_token()
    {
        var connection = await TestConnections.CreateAsync(_host, signing: SigningMode.Accept);
        var body = PayloadFixtures.Read("push.json");
        using var request = WebhookRequests.Post(connection.Id, body, "Push Hook", token: null);
        WebhookRequests.Sign(request, body, connection.SigningToken!, "msg_valid1", _clock.GetUtcNow());

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var envelope = Assert.Single(await QueuedEvents.PeekAsync(azurite, _queue));
        Assert.Equal("msg_valid1", envelope.GetProperty("eventId").GetString());
        Assert.Equal("msg_valid1", envelope.GetProperty("dedupeKey").GetString());
    }

    [Fact]
    public async Task Signature_over_a_different_body_is_refused_even_with_a_correct_token()
    {
        var connection = await TestConnections.CreateAsync(_host, signing: SigningMode.Accept);
        var signedBody = PayloadFixtures.Read("push.json");
        var tampered = (byte[])signedBody.Clone();
        tampered[^3] ^= 0x01;
        using var request = WebhookRequests.Post(connection.Id, tampered, "Push Hook", connection.WebhookSecret);
        WebhookRequests.Sign(request, signedBody, connection.SigningToken!, "msg_tampered", _clock.GetUtcNow());

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("invalid-signature", await WebhookRequests.ProblemReasonAsync(response));
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Signature_with_a_timestamp_outside_five_minutes_is_refused(int offsetSeconds)
    {
        var connection = await TestConnections.CreateAsync(_host, signing: SigningMode.Accept);
        var body = PayloadFixtures.Read("push.json");
        using var request = WebhookRequests.Post(connection.Id, body, "Push Hook", token: null);
        WebhookRequests.Sign(request, body, connection.SigningToken!, "msg_stale", _clock.GetUtcNow().AddSeconds(offsetSeconds));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("stale-signature", await WebhookRequests.ProblemReasonAsync(response));
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }

    [Fact]
    public async Task Signature_with_a_timestamp_inside_five_minutes_is_accepted()
    {
        var connection = await TestConnections.CreateAsync(_host, signing: SigningMode.Accept);
        var body = PayloadFixtures.Read("push.json");
        using var request = WebhookRequests.Post(connection.Id, body, "Push Hook", token: null);
        WebhookRequests.Sign(request, body, connection.SigningToken!, "msg_edge", _clock.GetUtcNow().AddSeconds(-299));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Previous_signing_secret_is_accepted_inside_the_overlap_and_refused_after_it()
    {
        var connection = await TestConnections.CreateAsync(_host, signing: SigningMode.Accept);
        var newToken = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var version = await _host.Get<ISecretStore>().SetAsync(SecretNames.SigningSecret(connection.Id), newToken, null, default);
        await RotateAsync(connection.Id, r => r with
        {
            SigningSecretVersion = version.Version,
            PreviousSigningSecretVersion = r.SigningSecretVersion,
        });

        Assert.Equal(HttpStatusCode.Accepted, await SendSignedAsync(connection.Id, connection.SigningToken!, "msg_old_1"));
        Assert.Equal(HttpStatusCode.Accepted, await SendSignedAsync(connection.Id, newToken, "msg_new_1"));

        _clock.Advance(Overlap + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Forbidden, await SendSignedAsync(connection.Id, connection.SigningToken!, "msg_old_2"));
        Assert.Equal(HttpStatusCode.Accepted, await SendSignedAsync(connection.Id, newToken, "msg_new_2"));
        var ids = (await QueuedEvents.PeekAsync(azurite, _queue)).Select(e => e.GetProperty("eventId").GetString()).ToHashSet();
        Assert.Equal(["msg_new_1", "msg_new_2", "msg_old_1"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Connection_requiring_signatures_refuses_token_only_deliveries_with_401()
    {
        var connection = await TestConnections.CreateAsync(_host, signing: SigningMode.Require);
        using var request = WebhookRequests.Push(connection);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing-signature", await WebhookRequests.ProblemReasonAsync(response));
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
        Assert.Equal(HttpStatusCode.Accepted, await SendSignedAsync(connection.Id, connection.SigningToken!, "msg_required"));
    }

    [Fact]
    public async Task Connection_without_any_secret_accepts_nothing()
    {
        var connection = await TestConnections.CreateAsync(_host);
        await RotateAsync(connection.Id, r => r with { WebhookSecretVersion = null });

        Assert.Equal(HttpStatusCode.Forbidden, await SendTokenAsync(connection.Id, connection.WebhookSecret));
        Assert.Equal(HttpStatusCode.Forbidden, await SendTokenAsync(connection.Id, "anything"));
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }

    private async Task RotateAsync(string id, Func<ConnectionRecord, ConnectionRecord> change)
    {
        var store = _host.Get<IConnectionStore>();
        var current = (await store.GetAsync(id, default))!;
        await store.UpdateAsync(change(current) with { PreviousSecretValidUntil = _clock.GetUtcNow() + Overlap }, default);
        _host.Get<ConnectionCache>().Invalidate(id);
    }

    private async Task<HttpStatusCode> SendTokenAsync(string id, string token)
    {
        using var request = WebhookRequests.Post(id, PayloadFixtures.Read("push.json"), "Push Hook", token);
        using var response = await _host.Client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> SendSignedAsync(string id, string signingToken, string webhookId)
    {
        var body = PayloadFixtures.Read("push.json");
        using var request = WebhookRequests.Post(id, body, "Push Hook", token: null);
        WebhookRequests.Sign(request, body, signingToken, webhookId, _clock.GetUtcNow());
        using var response = await _host.Client.SendAsync(request);
        return response.StatusCode;
    }
}
