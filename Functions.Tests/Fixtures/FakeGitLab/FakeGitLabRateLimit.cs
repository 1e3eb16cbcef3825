using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Globalization;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>
/// Optional per-token budget like GitLab's <c>throttle_authenticated_api</c>: at most <c>limit</c> requests per fixed
/// window, then 429 with <c>Retry-After</c>, <c>RateLimit-Reset</c>, <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>, <c>RateLimit-Name</c>.
/// </summary>
public sealed class FakeGitLabRateLimit
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);
    private int? _limit;
    private TimeSpan _window;

    public void Set(int limit, TimeSpan window)
    {
        lock (_lock)
        {
            _limit = limit;
            _window = window;
            _windows.Clear();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _limit = null;
            _windows.Clear();
        }
    }

    /// <summary>Counts the request; returns the advertised retry time when it is over budget.</summary>
    internal DateTimeOffset? Check(string token, DateTimeOffset now, IHeaderDictionary responseHeaders)
    {
        lock (_lock)
        {
            if (_limit is not { } limit)
            {
                return null;
            }

            var (start, count) = _windows.TryGetValue(token, out var w) && now < w.Start + _window ? w : (now, 0);
            if (count < limit)
            {
                _windows[token] = (start, count + 1);
                return null;
            }

            var reset = start + _window;
            var retryAfter = Math.Max(1, (long)Math.Ceiling((reset - now).TotalSeconds));
            var resetUnix = (long)Math.Ceiling(reset.ToUnixTimeMilliseconds() / 1000.0);
            responseHeaders["Retry-After"] = retryAfter.ToString(CultureInfo.InvariantCulture);
            responseHeaders["RateLimit-Reset"] = resetUnix.ToString(CultureInfo.InvariantCulture);
            responseHeaders["RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            responseHeaders["RateLimit-Observed"] = (count + 1).ToString(CultureInfo.InvariantCulture);
            responseHeaders["RateLimit-Remaining"] = "0";
            responseHeaders["RateLimit-Name"] = "throttle_authenticated_api";
            var byRetryAfter = now.AddSeconds(retryAfter);
            var byReset = DateTimeOffset.FromUnixTimeSeconds(resetUnix);
            return byRetryAfter > byReset ? byRetryAfter : byReset;
        }
    }
}
