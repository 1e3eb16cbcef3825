using GitLabConnector.Tests.Fixtures.FakeGitLab;

namespace GitLabConnector.Resilience;

/// <summary>
/// 3. GitLab faults under steady load, one phase after another: 429 bursts (a per-token budget of half the call
/// rate per 2 s window), 5xx (every call answers 503), responses slower than the client timeout (2 s), and the token
/// revoked (events park) until it is replaced through the admin API (which re-drives them). No event may be lost,
/// none may reach the poison queue (every fault is transient), none may stay parked.
/// </summary>
public sealed class GitLabFaultsScenario : IScenario
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(2);

    public string Name => "3. GitLab 429 / 5xx / slow / token revoked";

    public async Task<ScenarioResult> RunAsync(SuiteEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var mode = environment.Mode;
        var gitLab = environment.GitLab;
        using var connector = await ConnectorUnderTest.StartAsync(
            environment,
            "gitlab",
            new Dictionary<string, string> { ["Connector:GitLab:Timeout"] = "00:00:02" },
            cancellationToken);
        var factory = new DeliveryFactory(gitLab.State);
        gitLab.Requests.Clear();
        var audit = connector.NewAudit();
        using var sender = connector.NewSender();
        using var admin = connector.NewAdmin();

        var phase = (int)mode.GitLabPhase.TotalSeconds;
        var rateLimitAt = 2;
        var outageAt = rateLimitAt + phase;
        var slowAt = outageAt + (int)mode.GitLabOutage.TotalSeconds;
        var revokeAt = slowAt + phase;
        var replaceAt = revokeAt + phase;
        var duration = TimeSpan.FromSeconds(replaceAt + 3);
        var parkedBeforeReplace = 0;
        var replaceTask = Task.CompletedTask;

        try
        {
            await sender.RunPacedAsync(() => [factory.Pipeline()], mode.FaultRate, duration, async second =>
            {
                if (second == rateLimitAt)
                {
                    gitLab.RateLimit.Set(Math.Max(2, (int)mode.FaultRate), TimeSpan.FromSeconds(2));
                }
                else if (second == outageAt)
                {
                    gitLab.RateLimit.Clear();
                    gitLab.Faults.Outage = true;
                }
                else if (second == slowAt)
                {
                    gitLab.Faults.Outage = false;
                    gitLab.Faults.DelayNext((int)(mode.FaultRate * phase * 2), ClientTimeout + TimeSpan.FromSeconds(1), "/pipelines/");
                }
                else if (second == revokeAt)
                {
                    gitLab.Faults.Clear();
                    gitLab.State.FindToken(connector.Token)!.Revoked = true;
                }
                else if (second == replaceAt)
                {
                    parkedBeforeReplace = await audit.ParkedCountAsync(cancellationToken);
                    var replacement = environment.NewGitLabToken();
                    replaceTask = admin.ReplaceTokenAsync(connector.ConnectionId, replacement, cancellationToken);
                }
            }, cancellationToken);
            await replaceTask;
        }
        finally
        {
            gitLab.Faults.Clear();
            gitLab.RateLimit.Clear();
        }

        var outcome = await audit.WaitAndCountAsync(sender.Tally, mode, cancellationToken);
        var failures = new List<string>();
        var poisoned = await audit.PoisonCountAsync(connector.EventsQueue, cancellationToken);
        var parked = await audit.ParkedCountAsync(cancellationToken);
        if (poisoned > 0)
        {
            failures.Add($"{poisoned} poison messages for transient faults");
        }

        if (parked > 0)
        {
            failures.Add($"{parked} events still parked after the token was replaced");
        }

        if (sender.Tally.Accepted != sender.Tally.Sent)
        {
            failures.Add($"{sender.Tally.Sent - sender.Tally.Accepted} deliveries not accepted (GitLab faults must not reach ingestion)");
        }

        var throttled = gitLab.Requests.Entries.Count(r => r.Status == 429);
        var failed5xx = gitLab.Requests.Entries.Count(r => r.Status >= 500);
        var aborted = gitLab.Requests.Entries.Count(r => r.Status == 499);
        return ScenarioRows.From(
            Name,
            sender.Tally,
            outcome,
            failures,
            $"parked {parkedBeforeReplace} → re-driven on token replace",
            [$"GitLab answered 429×{throttled}, 5xx×{failed5xx}, client gave up (timeout)×{aborted}", $"poison {poisoned}", $"parked at end {parked}"],
            storageFailures: connector.Process.StorageFailuresLogged());
    }
}
