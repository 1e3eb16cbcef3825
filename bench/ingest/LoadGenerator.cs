using System.Diagnostics;
using System.Net;

namespace GitLabConnector.Bench.Ingest;

/// <summary>What one measured window produced. Latencies are in milliseconds, one per completed request.</summary>
public sealed record LoadResult(double[] LatenciesMs, long Accepted, long Failed, double Seconds, double[] SendLagMs)
{
    public double RequestsPerSecond => Accepted / Seconds;
}

/// <summary>
/// Open loop: a fixed arrival rate, each request due at <c>start + i / rate</c> and its latency measured from that due
/// time, so a slow server (or a late generator) shows up as latency instead of as fewer requests (no coordinated
/// omission). Closed loop: <c>C</c> workers each sending the next request as soon as the last one answers, for the
/// maximum throughput.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> OpenLoopAsync(Target target, double rate, TimeSpan duration)
    {
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var lags = new double[count];
        var ok = new bool[count];
        var inFlight = new Task[count];
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            inFlight[i] = Task.Run(async () =>
            {
                lags[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                ok[index] = await SendAsync(target);
                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            });
        }

        await Task.WhenAll(inFlight);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var accepted = ok.Count(x => x);
        return new LoadResult(latencies, accepted, count - accepted, seconds, lags);
    }

    public static async Task<LoadResult> ClosedLoopAsync(Target target, int concurrency, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            long accepted = 0, failed = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                var sent = Stopwatch.GetTimestamp();
                if (await SendAsync(target))
                {
                    accepted++;
                }
                else
                {
                    failed++;
                }

                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }

            return (latencies, accepted, failed);
        })).ToArray();

        var results = await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new LoadResult(
            results.SelectMany(r => r.latencies).ToArray(),
            results.Sum(r => r.accepted),
            results.Sum(r => r.failed),
            seconds,
            []);
    }

    private static async Task<bool> SendAsync(Target target)
    {
        try
        {
            using var request = target.CreateDelivery();
            using var response = await target.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return true;
            }

            target.Failures.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            target.Failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
            return false;
        }
    }
}
