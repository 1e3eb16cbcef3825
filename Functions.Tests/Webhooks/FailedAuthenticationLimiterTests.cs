using System.Net;
using GitLabConnector.Webhooks;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Webhooks;

public class FailedAuthenticationLimiterTests
{
    private static FailedAuthenticationLimiter Limiter(int burst)
    {
        var options = new WebhookOptions();
        options.RateLimit.FailuresPerSecond = 0.1;
        options.RateLimit.FailureBurst = burst;
        return new FailedAuthenticationLimiter(Options.Create(options));
    }

    [Fact]
    public void Failures_within_the_burst_pass_and_the_next_is_told_to_wait()
    {
        using var limiter = Limiter(burst: 2);
        var source = IPAddress.Parse("203.0.113.7");
        Assert.Null(limiter.RecordFailure("c1", source));
        Assert.Null(limiter.RecordFailure("c1", source));
        Assert.Equal(TimeSpan.FromSeconds(10), limiter.RecordFailure("c1", source));
    }

    [Fact]
    public void One_source_failing_on_many_connections_is_limited_by_its_address()
    {
        using var limiter = Limiter(burst: 2);
        var source = IPAddress.Parse("203.0.113.7");
        Assert.Null(limiter.RecordFailure("c1", source));
        Assert.Null(limiter.RecordFailure("c2", source));
        Assert.NotNull(limiter.RecordFailure("c3", source));
        Assert.Null(limiter.RecordFailure("c4", IPAddress.Parse("198.51.100.1")));
    }

    [Fact]
    public void An_ipv6_sender_is_one_source_per_64_and_a_mapped_ipv4_is_its_ipv4()
    {
        Assert.Equal(
            FailedAuthenticationLimiter.AddressKey(IPAddress.Parse("2001:db8:1:2::1")),
            FailedAuthenticationLimiter.AddressKey(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.Equal("203.0.113.7", FailedAuthenticationLimiter.AddressKey(IPAddress.Parse("::ffff:203.0.113.7")));
    }
}
