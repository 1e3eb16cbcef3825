namespace GitLabConnector.Resilience;

/// <summary>One resilience scenario: drives the connector through a fault and reports one table row.</summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>Whether the scenario's Azurite must persist to disk (it is stopped and restarted mid-run).</summary>
    bool NeedsPersistentStorage => false;

    Task<ScenarioResult> RunAsync(SuiteEnvironment environment, CancellationToken cancellationToken);
}
