using System.Net.Http.Headers;

namespace GitLabConnector.GitLab;

/// <summary>Retry timing: the bounds of Polly's jittered exponential backoff, and the wait GitLab advertises on 429.</summary>
public sealed class GitLabBackoff
{
    /// <summary>Median first retry delay; doubles per attempt.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A 429 advertising a longer wait is not retried in-process; the caller retries later.</summary>
    public TimeSpan MaxAdvertisedWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The later of <c>Retry-After</c> (seconds or HTTP date) and <c>RateLimit-Reset</c> (Unix seconds); null without either.</summary>
    public static DateTimeOffset? AdvertisedRetryTime(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var retryAfter = headers.RetryAfter is { } header ? (header.Delta is { } delta ? now + delta : header.Date) : null;
        DateTimeOffset? reset = headers.TryGetValues("RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds)
            && unixSeconds is > 0 and < 253402300799
                ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds)
                : null;
        return reset is null || retryAfter > reset ? retryAfter : reset;
    }
}
