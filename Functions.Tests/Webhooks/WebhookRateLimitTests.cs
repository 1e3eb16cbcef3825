using System.Net;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Webhooks;

[Collection(AzuriteCollection.Name)]
public sealed class WebhookRateLimitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Connection_over_its_rate_answers_429_with_Retry_After_and_other_connections_are_unaffected()
    {
        var (host, _, queue) = await FakeClockHost.StartAsync(azurite,
            new("Connector:RateLimit:PermitsPerSecond", "0.1"),
            new("Connector:RateLimit:Burst", "2"));
        await using var _ = host;
        var noisy = await TestConnections.CreateAsync(host);
        var quiet = await TestConnections.CreateAsync(host);

        for (var i = 0; i < 2; i++)
        {
            using var burst = WebhookRequests.Push(noisy);
            using var accepted = await host.Client.SendAsync(burst);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using (var over = WebhookRequests.Push(noisy))
        using (var limited = await host.Client.SendAsync(over))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal("rate-limited", await WebhookRequests.ProblemReasonAsync(limited));
            Assert.Equal(TimeSpan.FromSeconds(10), limited.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(2, (await QueuedEvents.PeekAsync(azurite, queue)).Count);

        using (var other = WebhookRequests.Push(quiet))
        using (var unaffected = await host.Client.SendAsync(other))
        {
            Assert.Equal(HttpStatusCode.Accepted, unaffected.StatusCode);
        }
    }

    [Fact]
    public async Task Bad_tokens_and_signatures_do_not_spend_the_delivery_budget()
    {
        var (host, clock, queue) = await FakeClockHost.StartAsync(azurite,
            new("Connector:RateLimit:PermitsPerSecond", "0.1"),
            new("Connector:RateLimit:Burst", "2"));
        await using var _ = host;
        var connection = await TestConnections.CreateAsync(host, signing: GitLabConnector.Connections.SigningMode.Accept);
        var payload = PayloadFixtures.Read("push.json");
        for (var i = 0; i < 5; i++)
        {
            using var badToken = WebhookRequests.Post(connection.Id, payload, token: "not-the-secret");
            using var refused = await host.Client.SendAsync(badToken);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

            using var badSignature = WebhookRequests.Post(connection.Id, payload);
            WebhookRequests.Sign(badSignature, payload, "whsec_" + Convert.ToBase64String(new byte[32]), $"msg_bad{i}", clock.GetUtcNow());
            using var forged = await host.Client.SendAsync(badSignature);
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }

        using (var genuine = WebhookRequests.Push(connection))
        using (var accepted = await host.Client.SendAsync(genuine))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using var signed = WebhookRequests.Post(connection.Id, payload);
        WebhookRequests.Sign(signed, payload, connection.SigningToken!, "msg_genuine", clock.GetUtcNow());
        using var signedAccepted = await host.Client.SendAsync(signed);
        Assert.Equal(HttpStatusCode.Accepted, signedAccepted.StatusCode);
        Assert.Equal(2, (await QueuedEvents.PeekAsync(azurite, queue)).Count);
    }

    [Fact]
    public async Task Failures_over_their_own_limit_are_answered_429_while_the_right_secret_is_still_accepted()
    {
        var (host, _, queue) = await FakeClockHost.StartAsync(azurite,
            new("Connector:RateLimit:FailuresPerSecond", "0.1"),
            new("Connector:RateLimit:FailureBurst", "2"));
        await using var _ = host;
        var connection = await TestConnections.CreateAsync(host);
        var payload = PayloadFixtures.Read("push.json");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var bad = WebhookRequests.Post(connection.Id, payload, token: "not-the-secret");
            using var refused = await host.Client.SendAsync(bad);
            statuses.Add(refused.StatusCode);
            if (i == 2)
            {
                Assert.Equal("too-many-failures", await WebhookRequests.ProblemReasonAsync(refused));
                Assert.Equal(TimeSpan.FromSeconds(10), refused.Headers.RetryAfter?.Delta);
            }
        }

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.TooManyRequests], statuses);
        using var genuine = WebhookRequests.Push(connection);
        using var accepted = await host.Client.SendAsync(genuine);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Single(await QueuedEvents.PeekAsync(azurite, queue));
    }
}
