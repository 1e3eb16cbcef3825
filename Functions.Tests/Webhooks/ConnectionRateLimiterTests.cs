using GitLabConnector.Webhooks;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Webhooks;

public class ConnectionRateLimiterTests
{
    private static ConnectionRateLimiter Limiter(double perSecond, int burst)
    {
        var options = new WebhookOptions();
        options.RateLimit.PermitsPerSecond = perSecond;
        options.RateLimit.Burst = burst;
        return new ConnectionRateLimiter(Options.Create(options));
    }

    [Fact]
    public void Allows_the_burst_then_refuses_with_the_time_to_the_next_token()
    {
        using var limiter = Limiter(perSecond: 0.5, burst: 3);
        Assert.Null(limiter.TryAcquire("c1"));
        Assert.Null(limiter.TryAcquire("c1"));
        Assert.Null(limiter.TryAcquire("c1"));

        var wait = limiter.TryAcquire("c1");
        Assert.NotNull(wait);
        Assert.Equal(2, wait.Value.TotalSeconds, 3);
    }

    [Fact]
    public void Buckets_are_per_connection()
    {
        using var limiter = Limiter(perSecond: 0.1, burst: 1);
        Assert.Null(limiter.TryAcquire("c1"));
        Assert.NotNull(limiter.TryAcquire("c1"));
        Assert.Null(limiter.TryAcquire("c2"));
    }
}
