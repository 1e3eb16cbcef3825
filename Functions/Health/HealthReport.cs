namespace GitLabConnector.Health;

/// <summary>The health answer: overall status, hosting mode and — for a caller with the admin key only — each dependency's reachability.</summary>
public sealed record HealthReport(
    string Status,
    string Mode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Checks);
