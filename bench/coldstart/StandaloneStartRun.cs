using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Bench.ColdStart;

/// <summary>
/// One standalone start: the package's executable without the host's arguments (so it serves the routes itself on
/// <c>Connector:Urls</c> and runs its own queue consumer), then a GitLab delivery posted every ~2 ms until the listener
/// accepts it; the clock stops at the 202. A second delivery shows the warm latency.
/// </summary>
internal static class StandaloneStartRun
{
    public sealed record Result(double First202Ms, double SecondWebhookRequestMs, double ResidentMegabytes);

    public static async Task<Result> MeasureAsync(
        string executable,
        IReadOnlyDictionary<string, string> settings,
        ConnectionSeeder.Seeded connection,
        byte[] payload,
        TimeSpan rssSettle,
        CancellationToken cancellationToken)
    {
        var port = LoopbackPorts.Free();
        var environment = new Dictionary<string, string>(settings, StringComparer.Ordinal) { ["Connector__Urls"] = $"http://127.0.0.1:{port}" };
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

        var clock = Stopwatch.StartNew();
        using var app = PackageProcess.Start(executable, [], environment);
        try
        {
            while (true)
            {
                try
                {
                    await PostWebhookAsync(client, connection, payload, app, cancellationToken);
                    break;
                }
                catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } && !app.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(2, cancellationToken);
                }
            }

            var first202Ms = clock.Elapsed.TotalMilliseconds;
            var secondStarted = clock.Elapsed.TotalMilliseconds;
            await PostWebhookAsync(client, connection, payload, app, cancellationToken);
            var secondMs = clock.Elapsed.TotalMilliseconds - secondStarted;
            var rss = await app.ResidentMegabytesAfterAsync(rssSettle, cancellationToken);
            return new Result(first202Ms, secondMs, rss);
        }
        catch (HttpRequestException e)
        {
            throw app.Failure($"standalone start failed: {e.Message}", e);
        }
    }

    private static async Task PostWebhookAsync(HttpClient client, ConnectionSeeder.Seeded connection, byte[] payload, PackageProcess app, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/webhooks/gitlab/{connection.Id}", UriKind.Relative))
        {
            Content = new ByteArrayContent(payload),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitlab-Token", connection.WebhookSecret);
        request.Headers.Add("X-Gitlab-Event", "Push Hook");
        request.Headers.Add("X-Gitlab-Event-UUID", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw app.Failure($"webhook answered {(int)response.StatusCode}, not 202: {body}");
        }
    }
}
