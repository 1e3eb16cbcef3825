namespace GitLabConnector.Resilience;

/// <summary>
/// 5. Duplicate storm: every issue change is delivered 3 times at once with the same Idempotency-Key, and every other
/// change is also delivered through a "group hook" (same body, another Idempotency-Key). Exactly one enriched
/// record per change; everything else is suppressed.
/// </summary>
public sealed class DuplicateStormScenario : IScenario
{
    public string Name => "5. duplicate storm (3× + project/group)";

    public async Task<ScenarioResult> RunAsync(SuiteEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var mode = environment.Mode;
        using var connector = await ConnectorUnderTest.StartAsync(environment, "storm", null, cancellationToken);
        var factory = new DeliveryFactory(environment.GitLab.State);
        using var sender = connector.NewSender();
        var changes = 0;
        IReadOnlyList<Delivery> NextGroup()
        {
            var hooks = factory.IssueChange(viaGroupHook: changes++ % 2 == 0);
            return [hooks[0], hooks[0], hooks[0], .. hooks.Skip(1)];
        }

        var deliveriesPerSecond = Math.Max(mode.Rate, 50);
        var groupsPerSecond = deliveriesPerSecond / 3.5;
        await sender.RunPacedAsync(NextGroup, groupsPerSecond, TimeSpan.FromSeconds(mode.StormChanges / groupsPerSecond), null, cancellationToken);

        var outcome = await connector.NewAudit().WaitAndCountAsync(sender.Tally, mode, cancellationToken);
        var failures = new List<string>();
        if (sender.Tally.Accepted != sender.Tally.Sent)
        {
            failures.Add($"{sender.Tally.Sent - sender.Tally.Accepted} deliveries not accepted");
        }

        return ScenarioRows.From(Name, sender.Tally, outcome, failures, "–", [$"{outcome.Changes} distinct changes"], storageFailures: connector.Process.StorageFailuresLogged());
    }
}
