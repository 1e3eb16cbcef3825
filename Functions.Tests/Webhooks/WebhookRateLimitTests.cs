using System.Net;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Webhooks;

[Collection(AzuriteCollection.Name)]
public sealed class WebhookRateLimitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Connection_over_its_rate_answers_429_with_Retry_After_and_recovers_when_tokens_refill()
    {
        var (host, clock, queue) = await FakeClockHost.StartAsync(azurite,
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

        clock.Advance(TimeSpan.FromSeconds(10));
        using var retry = WebhookRequests.Push(noisy);
        using var recovered = await host.Client.SendAsync(retry);
        Assert.Equal(HttpStatusCode.Accepted, recovered.StatusCode);
    }
}
