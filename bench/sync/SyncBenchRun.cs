using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;

namespace GitLabConnector.Bench.Sync;

/// <summary>Process memory at one moment: resident set and managed heap.</summary>
internal sealed record MemorySample(string When, long WorkingSet, long ManagedHeap)
{
    public static MemorySample Take(string when)
    {
        using var process = Process.GetCurrentProcess();
        return new(when, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }
}

/// <summary>What the run measured.</summary>
internal sealed record SyncBenchResult(
    SyncBenchOptions Options,
    TimeSpan SyncWall,
    JsonElement Status,
    int SyncRecords,
    int Duplicates,
    IReadOnlyList<FakeGitLabRequest> SyncRequests,
    IReadOnlyList<TimeSpan> BaselineLatencies,
    IReadOnlyList<TimeSpan> DuringSyncLatencies,
    IReadOnlyList<MemorySample> Memory)
{
    public int Granted => SyncRequests.Count(r => r.Status != 429);

    public double BudgetPerSecond => Options.Limit / Options.Window.TotalSeconds;

    /// <summary>The shortest time GitLab's limit allows for the calls the sync window made.</summary>
    public TimeSpan BudgetFloor => TimeSpan.FromSeconds(Granted / BudgetPerSecond);

    public double BudgetUsed => BudgetFloor / SyncWall;

    public (int WarmUp, int After) RateLimited
    {
        get
        {
            var warmUpEnds = SyncRequests.Count == 0 ? DateTimeOffset.MaxValue : SyncRequests[0].ArrivedAt + Options.Window;
            var limited = SyncRequests.Where(r => r.Status == 429).ToList();
            return (limited.Count(r => r.ArrivedAt < warmUpEnds), limited.Count(r => r.ArrivedAt >= warmUpEnds));
        }
    }

    public IReadOnlyDictionary<string, int> CallsByRoute =>
        SyncRequests.Where(r => r.Status != 429).GroupBy(r => r.Route ?? "(unmatched)").OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}

/// <summary>
/// One app in standalone mode (queue consumers on) against Azurite and the fake GitLab with GitLab.com's budget on both
/// sides. First a stream of webhook events alone (the latency baseline), then a sync of everything while the same
/// stream runs, timed from the POST to the status <c>done</c>.
/// </summary>
internal static class SyncBenchRun
{
    private const string Token = "glpat-bench-0000000000000000";
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(60);

    public static async Task<SyncBenchResult> RunAsync(AzuriteFixture azurite, SyncBenchOptions options)
    {
        await using var gitLab = await FakeGitLabServer.StartAsync();
        gitLab.State.AddPersonalToken(Token, 1, "root", null, "read_api", "api");
        SyncBenchData.Seed(gitLab.State, options);
        gitLab.RateLimit.Set(options.Limit, options.Window);

        var runId = Guid.NewGuid().ToString("N")[..6];
        var enriched = AzuriteFixture.NewQueueName("bench-enriched");
        var secrets = Path.Combine(Path.GetTempPath(), $"sync-bench-{runId}.json");
        var settings = new Dictionary<string, string?>
        {
            ["Connector:Queues:Events"] = AzuriteFixture.NewQueueName("bench-events"),
            ["Connector:Queues:Enriched"] = enriched,
            ["Connector:Queues:Sync"] = AzuriteFixture.NewQueueName("bench-sync"),
            ["Connector:Queues:BatchSize"] = options.Batch.ToString(CultureInfo.InvariantCulture),
            ["Connector:LocalSecretsPath"] = secrets,
            ["Connector:GitLab:RequestsPerMinute"] = options.Limit.ToString(CultureInfo.InvariantCulture),
            ["Connector:GitLab:RateWindow"] = options.Window.ToString("c", CultureInfo.InvariantCulture),
            ["Connector:GitLab:UserRequestsPerTenMinutes"] = "1000000",
            ["Logging:LogLevel:Default"] = "Error",
        };

        try
        {
            await using var host = await ConnectorAppHost.StartAsync(azurite, settings, workers: true);
            var connectionId = (await TestConnections.CreateAsync(host, gitLab.BaseUrl, Token)).Id;
            var queues = host.Get<IQueueService>();
            var tally = new EnrichedTally(queues, enriched);
            using var drainStop = new CancellationTokenSource();
            using var streamStop = new CancellationTokenSource();
            var draining = Task.Run(() => tally.RunAsync(drainStop.Token));

            Console.WriteLine($"{Now} baseline: {options.BaselineWebhooks} webhook events, one every {options.WebhookEvery.TotalSeconds:0.#} s");
            var baseline = new List<string>();
            for (var n = 0; n < options.BaselineWebhooks; n++)
            {
                baseline.Add(await SendWebhookAsync(queues, host, tally, connectionId, "alone", n));
                await Task.Delay(options.WebhookEvery);
            }

            await UntilAsync(() => tally.HasAll(baseline), TimeSpan.FromMinutes(5));
            gitLab.Requests.Clear();

            var memory = new List<MemorySample> { MemorySample.Take("start") };
            var clock = Stopwatch.StartNew();
            var syncId = await StartSyncAsync(host, connectionId);
            Console.WriteLine($"{Now} sync {syncId} started");
            var during = new List<string>();
            var streaming = Task.Run(async () =>
            {
                for (var n = 0; !streamStop.IsCancellationRequested; n++)
                {
                    during.Add(await SendWebhookAsync(queues, host, tally, connectionId, "during", n));
                    await Task.Delay(options.WebhookEvery, CancellationToken.None);
                }
            });

            JsonElement status;
            var total = options.MergeRequests + options.Issues + options.Pipelines + options.Commits;
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                status = await StatusAsync(host, connectionId, syncId);
                var state = status.GetProperty("status").GetString();
                var counts = status.GetProperty("counts");
                var seen = counts.GetProperty("published").GetInt32() + counts.GetProperty("alreadyKnown").GetInt32();
                if (memory.Count == 1 && seen >= total / 2)
                {
                    memory.Add(MemorySample.Take("middle"));
                }

                if (clock.Elapsed.TotalSeconds % 30 < 1)
                {
                    Console.WriteLine($"{Now} {state}: {seen:N0} / {total:N0} items, {clock.Elapsed.TotalSeconds:0} s");
                }

                if (state is "done" or "failed" || clock.Elapsed > GiveUpAfter)
                {
                    break;
                }
            }

            var wall = clock.Elapsed;
            memory.Add(MemorySample.Take("end"));
            var requests = gitLab.Requests.Entries;
            await streamStop.CancelAsync();
            await streaming;
            await UntilAsync(() => tally.HasAll(during) && tally.Sync >= status.GetProperty("counts").GetProperty("published").GetInt32(), TimeSpan.FromMinutes(5));
            await Task.Delay(TimeSpan.FromSeconds(2));
            await drainStop.CancelAsync();
            await draining;
            Console.WriteLine($"{Now} sync {status.GetProperty("status").GetString()} in {wall.TotalSeconds:0.0} s; {tally.Sync:N0} sync records");
            return new SyncBenchResult(options, wall, status, tally.Sync, tally.Duplicates, requests, tally.Latencies(baseline), tally.Latencies(during), memory);
        }
        finally
        {
            File.Delete(secrets);
        }
    }

    private static string Now => DateTimeOffset.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task<string> SendWebhookAsync(IQueueService queues, ConnectorAppHost host, EnrichedTally tally, string connectionId, string phase, int n)
    {
        var (eventId, text) = SyncBenchData.Webhook(connectionId, phase, n);
        tally.Sent(eventId, DateTimeOffset.UtcNow);
        await queues.SendCreatingQueueAsync(host.Get<Microsoft.Extensions.Options.IOptions<QueueOptions>>().Value.Events, text, default);
        return eventId;
    }

    private static async Task<string> StartSyncAsync(ConnectorAppHost host, string connectionId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/connections/{connectionId}/sync") { Content = JsonContent.Create(new { since = SyncBenchData.SinceText }) };
        request.Headers.Add("x-functions-key", ConnectorAppHost.AdminKey);
        using var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST sync: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("syncId").GetString()!;
    }

    private static async Task<JsonElement> StatusAsync(ConnectorAppHost host, string connectionId, string syncId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/connections/{connectionId}/sync/{syncId}");
        request.Headers.Add("x-functions-key", ConnectorAppHost.AdminKey);
        using var response = await host.Client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static async Task UntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < limit)
        {
            await Task.Delay(200);
        }
    }
}
