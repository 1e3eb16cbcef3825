using GitLabConnector.Tests.Fixtures;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace GitLabConnector.Bench.ColdStart;

/// <summary>One cold start: launch the packaged executable the way the Functions host does, then time readiness and the first webhook 202.</summary>
internal static class ColdStartRun
{
    public sealed record Result(double ReadyMs, double First202Ms, double FirstWebhookRequestMs, double SecondWebhookRequestMs);

    public static async Task<Result> MeasureAsync(
        string appDirectory,
        IReadOnlyDictionary<string, string> settings,
        ConnectionSeeder.Seeded connection,
        byte[] payload,
        CancellationToken cancellationToken)
    {
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo(Path.Combine(appDirectory, "GitLabConnector"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = appDirectory,
        };

        // Only what the host passes plus the app settings: nothing from this shell's Connector__/ASPNETCORE_/DOTNET_ variables.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Connector__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString();
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = appDirectory;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var output = new StringBuilder();

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the app did not start");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // The host's readiness probe: any HTTP answer on GET / means ready; a refused connection means not yet.
            double readyMs;
            while (true)
            {
                try
                {
                    using var probe = await client.GetAsync(new Uri("/", UriKind.Relative), cancellationToken);
                    readyMs = clock.Elapsed.TotalMilliseconds;
                    break;
                }
                catch (HttpRequestException) when (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(2, cancellationToken);
                }
            }

            var sent = clock.Elapsed.TotalMilliseconds;
            await PostWebhookAsync(client, connection, payload, output, cancellationToken);
            var first202Ms = clock.Elapsed.TotalMilliseconds;

            var secondStarted = clock.Elapsed.TotalMilliseconds;
            await PostWebhookAsync(client, connection, payload, output, cancellationToken);
            var secondMs = clock.Elapsed.TotalMilliseconds - secondStarted;
            return new Result(readyMs, first202Ms, first202Ms - sent, secondMs);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
        {
            string log;
            lock (output)
            {
                log = output.ToString();
            }

            throw new InvalidOperationException($"cold start failed: {e.Message}\napp output:\n{log}", e);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task PostWebhookAsync(HttpClient client, ConnectionSeeder.Seeded connection, byte[] payload, StringBuilder output, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/webhooks/gitlab/{connection.Id}", UriKind.Relative))
        {
            Content = new ByteArrayContent(payload),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitlab-Token", connection.WebhookSecret);
        request.Headers.Add("X-Gitlab-Event", "Push Hook");
        request.Headers.Add("X-Gitlab-Event-UUID", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            lock (output)
            {
                output.AppendLine(response.Content.ReadAsStringAsync(cancellationToken).GetAwaiter().GetResult());
            }

            throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}, not 202");
        }
    }
}
