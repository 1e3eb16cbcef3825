using System.Diagnostics;
using System.Globalization;
using Azure;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;

namespace GitLabConnector.Bench.Enrich;

/// <summary>One phase's set-up: the fake GitLab's budget (null: none) and the connector's matching client budget.</summary>
internal sealed record BenchPhase(string Name, int? Limit, TimeSpan Window);

/// <summary>What one phase measured.</summary>
internal sealed record BenchResult(
    BenchPhase Phase,
    int Events,
    int Enriched,
    int Poisoned,
    TimeSpan Elapsed,
    int Records,
    int DistinctEventIds,
    IReadOnlyDictionary<string, int> EventsByKind,
    IReadOnlyList<FakeGitLabRequest> Requests)
{
    public double EventsPerSecond => Enriched / Elapsed.TotalSeconds;

    public IReadOnlyList<FakeGitLabRequest> Granted => [.. Requests.Where(r => r.Status != 429)];

    public TimeSpan ApiSpan => Requests.Count < 2 ? TimeSpan.Zero : Requests[^1].ArrivedAt - Requests[0].ArrivedAt;

    /// <summary>Requests GitLab served (not 429) per second, between the first and the last request.</summary>
    public double ApiCallsPerSecond => ApiSpan > TimeSpan.Zero ? Granted.Count / ApiSpan.TotalSeconds : 0;

    public double? BudgetPerSecond => Phase.Limit is { } limit ? limit / Phase.Window.TotalSeconds : null;

    public double? BudgetFraction => BudgetPerSecond is { } budget ? ApiCallsPerSecond / budget : null;

    /// <summary>429s in the first rate window (warm-up) and after it.</summary>
    public (int WarmUp, int After) RateLimited
    {
        get
        {
            if (Requests.Count == 0)
            {
                return (0, 0);
            }

            var warmUpEnds = Requests[0].ArrivedAt + Phase.Window;
            var limited = Requests.Where(r => r.Status == 429).ToList();
            return (limited.Count(r => r.ArrivedAt < warmUpEnds), limited.Count(r => r.ArrivedAt >= warmUpEnds));
        }
    }

    public int CallsFor(string kind) => Granted.Count(r => BenchEventMix.KindOfRoute(r.Route) == kind);

    /// <summary>
    /// Merge request calls per event once its caches are warm: every call except each merge request's first read of
    /// each of its resources (the cold event), over the events after each first one. Cold reads repeated by events of
    /// the same merge request running concurrently count as warm calls, so this errs high.
    /// </summary>
    public double WarmMergeRequestCallsPerEvent
    {
        get
        {
            var calls = Granted.Where(r => BenchEventMix.KindOfRoute(r.Route) == "merge_request").ToList();
            var firstReads = calls.Select(r => r.Path).Distinct(StringComparer.Ordinal).Count();
            var warmEvents = EventsByKind["merge_request"] - BenchEventMix.MergeRequestIids;
            return warmEvents > 0 ? (calls.Count - firstReads) / (double)warmEvents : double.NaN;
        }
    }

    public IReadOnlyDictionary<string, int> CallsByRoute =>
        Granted.GroupBy(r => r.Route ?? "(unmatched)").OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}

/// <summary>
/// Runs one phase: a fresh fake GitLab and queues, the events enqueued before any worker runs, then the whole app in
/// standalone mode with its queue consumer, timed until every event is enriched (or poisoned).
/// </summary>
internal static class BenchRun
{
    private const string Token = "glpat-bench-0000000000000000";
    // 5,000 events on a loaded 2-core machine can take more than 10 min per phase.
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(30);

    public static async Task<BenchResult> RunAsync(AzuriteFixture azurite, BenchPhase phase, int eventCount, int batchSize)
    {
        await using var gitLab = await FakeGitLabServer.StartAsync();
        gitLab.State.AddPersonalToken(Token, userId: 1, username: "root");
        BenchEventMix.Seed(gitLab.State);

        var runId = phase.Name + "-" + Guid.NewGuid().ToString("N")[..6];
        var events = AzuriteFixture.NewQueueName("bench-events");
        var enriched = AzuriteFixture.NewQueueName("bench-enriched");
        var secrets = Path.Combine(Path.GetTempPath(), $"enrich-bench-{runId}.json");
        var settings = new Dictionary<string, string?>
        {
            ["Connector:Queues:Events"] = events,
            ["Connector:Queues:Enriched"] = enriched,
            ["Connector:Queues:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["Connector:LocalSecretsPath"] = secrets,
            ["Connector:GitLab:RequestsPerMinute"] = (phase.Limit ?? 1_000_000).ToString(CultureInfo.InvariantCulture),
            ["Connector:GitLab:RateWindow"] = (phase.Limit is null ? TimeSpan.FromMinutes(1) : phase.Window).ToString("c", CultureInfo.InvariantCulture),
            ["Connector:GitLab:UserRequestsPerTenMinutes"] = "1000000",
            ["Logging:LogLevel:Default"] = "Error",
        };

        try
        {
            string connectionId;
            IReadOnlyDictionary<string, int> byKind;
            await using (var setup = await ConnectorAppHost.StartAsync(azurite, settings))
            {
                connectionId = (await TestConnections.CreateAsync(setup, gitLab.BaseUrl, Token)).Id;
                var queues = setup.Get<IQueueService>();
                await queues.CreateQueueIfNotExistsAsync(events, default);
                await queues.CreateQueueIfNotExistsAsync(enriched, default);
                (var envelopes, byKind) = BenchEventMix.Create(connectionId, runId, eventCount);
                await Parallel.ForEachAsync(envelopes, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (text, ct) =>
                    await queues.SendMessageAsync(events, text, null, ct));
            }

            if (phase.Limit is { } limit)
            {
                gitLab.RateLimit.Set(limit, phase.Window);
            }

            var clock = Stopwatch.StartNew();
            await using var host = await ConnectorAppHost.StartAsync(azurite, settings, workers: true);
            var storage = host.Get<IQueueService>();
            var done = 0;
            var poisoned = 0;
            while (true)
            {
                try
                {
                    done = await storage.GetApproximateMessageCountAsync(enriched, default);
                    poisoned = await CountAsync(storage, events + "-poison");
                }
                catch (RequestFailedException)
                {
                    // A saturated Azurite can time out this progress poll; the workers retry their own calls, so poll again.
                }

                if (done + poisoned >= eventCount || clock.Elapsed > GiveUpAfter)
                {
                    break;
                }

                await Task.Delay(100);
            }

            var elapsed = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (records, distinct) = await CountRecordsAsync(storage, enriched);
            return new BenchResult(phase, eventCount, done, poisoned, elapsed, records, distinct, byKind, gitLab.Requests.Entries);
        }
        finally
        {
            File.Delete(secrets);
        }
    }

    /// <summary>
    /// Drains the enriched queue (after a 2 s settle; the workers only write to it): records published and distinct eventIds among them, so a
    /// duplicate publish (at-least-once delivery) shows as records &gt; distinct.
    /// </summary>
    private static async Task<(int Records, int Distinct)> CountRecordsAsync(IQueueService queues, string queue)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var records = 0;
        var failures = 0;
        while (true)
        {
            IReadOnlyList<QueueMessage> batch;
            try
            {
                batch = await queues.ReceiveMessagesAsync(queue, 32, TimeSpan.FromMinutes(10), default);
            }
            catch (RequestFailedException) when (++failures < 10)
            {
                // A saturated Azurite can time a read out; received messages stay invisible, so reading again loses none.
                await Task.Delay(TimeSpan.FromSeconds(1));
                continue;
            }

            if (batch.Count == 0)
            {
                return (records, ids.Count);
            }

            foreach (var message in batch)
            {
                records++;
                using var json = System.Text.Json.JsonDocument.Parse(message.MessageText);
                if (!ids.Add(json.RootElement.GetProperty("eventId").GetString() ?? string.Empty))
                {
                    Console.WriteLine($"duplicate record: eventId {json.RootElement.GetProperty("eventId").GetString()}, message {message.MessageId}, inserted {message.InsertionTime:O}");
                }
            }
        }
    }

    private static async Task<int> CountAsync(IQueueService queues, string queue)
    {
        try
        {
            return await queues.GetApproximateMessageCountAsync(queue, default);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }
}
