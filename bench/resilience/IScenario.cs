namespace GitLabConnector.Resilience;

/// <summary>One resilience scenario: drives the connector through a fault and reports one table row.</summary>
public interface IScenario
{
    string Name { get; }

    Task<ScenarioResult> RunAsync(SuiteEnvironment environment, CancellationToken cancellationToken);
}
