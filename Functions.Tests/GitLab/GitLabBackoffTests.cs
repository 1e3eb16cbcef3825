using System.Net.Http.Headers;
using GitLabConnector.GitLab;

namespace GitLabConnector.Tests.GitLab;

public class GitLabBackoffTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retry_after_in_seconds_is_counted_from_now()
    {
        var headers = Headers();
        headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));

        Assert.Equal(Now.AddSeconds(30), GitLabBackoff.AdvertisedRetryTime(headers, Now));
    }

    [Fact]
    public void The_later_of_retry_after_and_ratelimit_reset_wins()
    {
        var headers = Headers();
        headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
        headers.TryAddWithoutValidation("RateLimit-Reset", Now.AddSeconds(40).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(Now.AddSeconds(40), GitLabBackoff.AdvertisedRetryTime(headers, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-5")]
    public void No_usable_header_means_no_advertised_time(string? reset)
    {
        var headers = Headers();
        if (reset is not null)
        {
            headers.TryAddWithoutValidation("RateLimit-Reset", reset);
        }

        Assert.Null(GitLabBackoff.AdvertisedRetryTime(headers, Now));
    }

    private static HttpResponseHeaders Headers() => new HttpResponseMessage().Headers;
}
