using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace GitLabConnector.Bench.Ingest;

/// <summary>
/// One endpoint under load and how to make a delivery to it: the MR payload with GitLab's headers and a distinct
/// Idempotency-Key per request. The baseline gets the same bytes on the wire and ignores the headers.
/// </summary>
public sealed class Target : IDisposable
{
    public const string EventName = "Merge Request Hook";

    private readonly Uri _path;
    private readonly byte[] _payload;
    private readonly string _token;
    private readonly string _keyPrefix = "bench-" + Guid.NewGuid().ToString("N")[..8] + "-";
    private long _sequence;

    public Target(string name, Uri baseAddress, string path, byte[] payload, string token)
    {
        Name = name;
        _path = new Uri(path, UriKind.Relative);
        _payload = payload;
        _token = token;
        Client = new HttpClient(new SocketsHttpHandler
        {
            // Open-loop arrivals need a free connection each; never queue behind a busy one.
            MaxConnectionsPerServer = 1024,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Name { get; }

    public HttpClient Client { get; }

    /// <summary>Why requests failed (HTTP status or exception type) and how often, for the report.</summary>
    public ConcurrentDictionary<string, long> Failures { get; } = new(StringComparer.Ordinal);

    public HttpRequestMessage CreateDelivery()
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var request = new HttpRequestMessage(HttpMethod.Post, _path) { Content = new ByteArrayContent(_payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var headers = request.Headers;
        headers.TryAddWithoutValidation("User-Agent", "GitLab/19.0.0");
        headers.TryAddWithoutValidation("X-Gitlab-Event", EventName);
        headers.TryAddWithoutValidation("X-Gitlab-Token", _token);
        headers.TryAddWithoutValidation("X-Gitlab-Instance", "https://gitlab.example.com");
        headers.TryAddWithoutValidation("X-Gitlab-Webhook-UUID", "4c8d4f5e-8e57-4c3a-9f2d-7a8d3c1b2e10");
        headers.TryAddWithoutValidation("X-Gitlab-Event-UUID", Guid.NewGuid().ToString());
        headers.TryAddWithoutValidation("Idempotency-Key", _keyPrefix + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    public void Dispose() => Client.Dispose();
}
