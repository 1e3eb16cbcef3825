using GitLabConnector.Hosting;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Webhooks;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Webhooks;

public class ConnectionRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    private ConnectionRateLimiter Limiter(double perSecond, int burst)
    {
        var options = new ConnectorOptions();
        options.RateLimit.PermitsPerSecond = perSecond;
        options.RateLimit.Burst = burst;
        return new ConnectionRateLimiter(_time, Options.Create(options));
    }

    [Fact]
    public void Allows_the_burst_then_refuses_with_the_time_to_the_next_token()
    {
        var limiter = Limiter(perSecond: 2, burst: 3);
        Assert.Null(limiter.TryAcquire("c1"));
        Assert.Null(limiter.TryAcquire("c1"));
        Assert.Null(limiter.TryAcquire("c1"));

        var wait = limiter.TryAcquire("c1");
        Assert.NotNull(wait);
        Assert.Equal(0.5, wait.Value.TotalSeconds, 3);
    }

    [Fact]
    public void Refills_over_time()
    {
        var limiter = Limiter(perSecond: 2, burst: 1);
        Assert.Null(limiter.TryAcquire("c1"));
        Assert.NotNull(limiter.TryAcquire("c1"));

        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Null(limiter.TryAcquire("c1"));
    }

    [Fact]
    public void Buckets_are_per_connection()
    {
        var limiter = Limiter(perSecond: 1, burst: 1);
        Assert.Null(limiter.TryAcquire("c1"));
        Assert.NotNull(limiter.TryAcquire("c1"));
        Assert.Null(limiter.TryAcquire("c2"));
    }
}
