namespace GitLabConnector.Health;

/// <summary>The health answer: overall status, hosting mode and each dependency's reachability.</summary>
public sealed record HealthReport(string Status, string Mode, IReadOnlyDictionary<string, string> Checks);
