using System.Diagnostics;

using Azure;

namespace GitLabConnector.Resilience;

/// <summary>
/// 6. Soak (long mode only): pipeline deliveries at a steady rate; RSS, threads and open file descriptors of the
/// connector process sampled after a 30 s warm-up, at the end of the load, and after the drain plus 70 s idle (the
/// one compared). Fails on lost/double events, refused deliveries or clear growth (RSS +50 % and +64 MiB, threads
/// +50, fds +100).
/// </summary>
public sealed class SoakScenario : IScenario
{
    private const int WarmUpSeconds = 30;
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(70);

    public string Name => "6. soak";

    public async Task<ScenarioResult> RunAsync(SuiteEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var mode = environment.Mode;
        if (mode.SoakDuration <= TimeSpan.Zero)
        {
            return new ScenarioResult { Scenario = Name, Skipped = true, Notes = "long mode only" };
        }

        using var connector = await ConnectorUnderTest.StartAsync(environment, "soak", null, cancellationToken);
        var factory = new DeliveryFactory(environment.GitLab.State);
        using var sender = connector.NewSender();
        ProcessSample? start = null;
        var samples = new List<string>();
        var backlogs = new List<int>();
        var clock = Stopwatch.StartNew();
        await sender.RunPacedAsync(() => [factory.Pipeline()], mode.SoakRate, mode.SoakDuration, async second =>
        {
            if (second == WarmUpSeconds)
            {
                start = connector.Process.Sample();
            }

            if (second % 60 == 0 && connector.Process.Sample() is { } sample)
            {
                // The backlog shows whether enrichment keeps up with the rate (a steady state, not a growing queue).
                var backlog = await BacklogAsync(environment, connector, cancellationToken);
                backlogs.Add(backlog);
                samples.Add($"{second}s: {sample}, backlog {backlog}");
                Console.WriteLine($"  soak {second}s: {sample}, events queue backlog {backlog}, answers {sender.Tally.Summary()}");
            }
        }, cancellationToken);
        var endUnderLoad = connector.Process.Sample();

        var outcome = await connector.NewAudit().WaitAndCountAsync(sender.Tally, mode, cancellationToken);

        // Connections are not handles that leak: the sender's keep-alive connections grow with any slow moment and the
        // connector's own pools keep idle connections for a minute. So the end sample is taken after the sender has
        // closed its connections and pooled ones have timed out; what is still open then is what the connector holds.
        sender.Dispose();
        await Task.Delay(IdleSettle, cancellationToken);
        var end = connector.Process.Sample();
        var failures = new List<string>();
        if (start is null || end is null)
        {
            failures.Add("could not sample the process");
        }
        else
        {
            if (end.RssBytes > (start.RssBytes * 1.5) + (64L * 1024 * 1024))
            {
                failures.Add("RSS grew");
            }

            if (end.Threads > start.Threads + 50)
            {
                failures.Add("threads grew");
            }

            if (end.Handles > start.Handles + 100)
            {
                failures.Add("file descriptors grew");
            }
        }

        if (sender.Tally.Accepted != sender.Tally.Sent)
        {
            failures.Add($"{sender.Tally.Sent - sender.Tally.Accepted} deliveries not accepted");
        }

        return ScenarioRows.From(
            Name,
            sender.Tally,
            outcome,
            failures,
            "–",
            [$"{ResultTable.Seconds(clock.Elapsed)} at {mode.SoakRate}/s", $"start (after {WarmUpSeconds} s) {start}", $"end of load {endUnderLoad}", $"end after {ResultTable.Seconds(IdleSettle)} idle {end}", $"events queue backlog per minute {string.Join("/", backlogs)}", $"drain after the load {ResultTable.Seconds(outcome.WaitedFor)}"],
            storageFailures: connector.Process.StorageFailuresLogged());
    }

    private static async Task<int> BacklogAsync(SuiteEnvironment environment, ConnectorUnderTest connector, CancellationToken cancellationToken)
    {
        try
        {
            return await environment.Queues.GetApproximateMessageCountAsync(connector.EventsQueue, cancellationToken);
        }
        catch (RequestFailedException)
        {
            return -1;
        }
    }
}
