namespace GitLabConnector.Resilience;

/// <summary>
/// 1. Storage outage during load: pipeline deliveries at the mode's rate; a third of the way in Azurite is stopped
/// (SIGTERM, data on disk) for the outage length and started again on the same ports and folder. Every delivery must
/// be answered 202 or 503, and every 202 must end enriched exactly once. Recovery = storage back → first 202.
/// </summary>
public sealed class StorageOutageScenario : IScenario
{
    // Load keeps going at least this long after storage is back, so recovery is measured.
    private static readonly TimeSpan RecoveryWindow = TimeSpan.FromSeconds(5);

    public string Name => "1. storage outage under load";

    public bool NeedsPersistentStorage => true;

    public async Task<ScenarioResult> RunAsync(SuiteEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var mode = environment.Mode;
        using var connector = await ConnectorUnderTest.StartAsync(environment, "storage", null, cancellationToken);
        var factory = new DeliveryFactory(environment.GitLab.State);
        using var sender = connector.NewSender();
        var tally = sender.Tally;
        var outageSecond = (int)(mode.StorageLoadDuration.TotalSeconds / 3);
        TimeSpan stoppedAt = default, stopped = default, restartedAt = default;
        var restarted = false;
        var outage = Task.CompletedTask;
        await sender.RunPacedAsync(() => [factory.Pipeline()], mode.Rate, mode.StorageLoadDuration, second =>
        {
            if (second == outageSecond)
            {
                outage = Task.Run(
                    async () =>
                    {
                        stoppedAt = tally.Elapsed;
                        environment.Azurite.Stop();
                        stopped = tally.Elapsed;
                        await Task.Delay(mode.StorageOutage, cancellationToken);
                        environment.Azurite.Start();
                        restartedAt = tally.Elapsed;
                        Volatile.Write(ref restarted, true);
                    },
                    cancellationToken);
            }

            return Task.CompletedTask;
        }, cancellationToken, extendWhile: () => !Volatile.Read(ref restarted) || tally.Elapsed < restartedAt + RecoveryWindow);
        await outage;
        var loadTime = tally.Elapsed;

        var outcome = await connector.NewAudit().WaitAndCountAsync(tally, mode, cancellationToken);
        var failures = new List<string>();
        var unexpected = tally.Count(s => s is not (202 or 503));
        if (unexpected > 0)
        {
            failures.Add($"{unexpected} deliveries answered other than 202/503");
        }

        if (!connector.Process.IsAlive)
        {
            failures.Add("the connector process died");
        }

        var firstAccepted = tally.FirstAfter(restartedAt, 202);
        var recovery = firstAccepted is { } at ? "ingest " + ResultTable.Seconds(at - restartedAt) + " after storage restart" : "no delivery after the restart";
        return ScenarioRows.From(Name, tally, outcome, failures, recovery, [$"Azurite SIGTERM → exited {ResultTable.Seconds(stopped - stoppedAt)}, down {ResultTable.Seconds(mode.StorageOutage)}, restart {ResultTable.Seconds(restartedAt - stopped - mode.StorageOutage)}", $"load {ResultTable.Seconds(loadTime)}"], republishAllowed: true);
    }
}
