using System.Diagnostics;

namespace GitLabConnector.Resilience;

/// <summary>
/// 2. App crash mid-processing: every GitLab call is slowed down (1 s) so enrichment is in flight, the events are sent,
/// and once a quarter of them are enriched the process is SIGKILLed and started again at once. Claims of the killed
/// worker are re-taken when their messages return (visibility timeout 10 s, same message id). Every accepted event
/// must end enriched exactly once. Recovery = kill → every accepted event enriched.
/// </summary>
public sealed class AppCrashScenario : IScenario
{
    private static readonly TimeSpan GitLabLatency = TimeSpan.FromSeconds(1);

    public string Name => "2. app SIGKILL mid-enrichment";

    public async Task<ScenarioResult> RunAsync(SuiteEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var mode = environment.Mode;
        using var connector = await ConnectorUnderTest.StartAsync(environment, "crash", null, cancellationToken);
        var factory = new DeliveryFactory(environment.GitLab.State);
        var audit = connector.NewAudit();
        using var sender = connector.NewSender();
        var failures = new List<string>();
        environment.GitLab.Faults.DelayNext(mode.CrashEvents * 4, GitLabLatency, "/pipelines/");
        try
        {
            await sender.RunPacedAsync(() => [factory.Pipeline()], Math.Max(mode.Rate, 50), TimeSpan.FromSeconds(mode.CrashEvents / Math.Max(mode.Rate, 50)), null, cancellationToken);

            var waitForProgress = Stopwatch.StartNew();
            var enrichedBeforeKill = 0;
            while (waitForProgress.Elapsed < mode.DrainTimeout)
            {
                enrichedBeforeKill = await audit.RecordCountAsync(cancellationToken);
                if (enrichedBeforeKill >= sender.Tally.Accepted / 4)
                {
                    break;
                }

                await Task.Delay(200, cancellationToken);
            }

            var killedAt = Stopwatch.StartNew();
            connector.Process.Kill();
            await connector.RestartAsync(cancellationToken);
            var restart = killedAt.Elapsed;

            var outcome = await audit.WaitAndCountAsync(sender.Tally, mode, cancellationToken);
            var recovered = restart + outcome.WaitedFor;
            if (sender.Tally.Accepted != sender.Tally.Sent)
            {
                failures.Add($"{sender.Tally.Sent - sender.Tally.Accepted} deliveries not accepted before the crash");
            }

            var poisoned = await audit.PoisonCountAsync(connector.EventsQueue, cancellationToken);
            if (poisoned > 0)
            {
                failures.Add($"{poisoned} poison messages");
            }

            return ScenarioRows.From(
                Name,
                sender.Tally,
                outcome,
                failures,
                $"{ResultTable.Seconds(recovered)} kill → all enriched (restart {ResultTable.Seconds(restart)})",
                [$"killed with {enrichedBeforeKill}/{sender.Tally.Accepted} enriched"],
                republishAllowed: true);
        }
        finally
        {
            environment.GitLab.Faults.Clear();
        }
    }
}
