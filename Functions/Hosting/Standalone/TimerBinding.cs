namespace GitLabConnector.Hosting.Standalone;

/// <summary>A schedule the standalone scheduler fires for a function (6-field NCRONTAB, UTC), and what it runs.</summary>
public sealed record TimerBinding(string FunctionName, string Schedule, Func<CancellationToken, Task> RunAsync);
