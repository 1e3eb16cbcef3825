namespace GitLabConnector.Hosting;

/// <summary>
/// A timer-triggered function, called by the Functions host (<c>POST /{FunctionName}</c>) or by the
/// standalone scheduler, which holds a lease so two instances never run it at once.
/// </summary>
public interface ITimerFunction
{
    string FunctionName { get; }

    /// <summary>6-field NCRONTAB schedule (resolved from options).</summary>
    string Schedule { get; }

    /// <summary>The setting that holds the schedule, as written in function.json (<c>%Connector:Tokens:Schedule%</c>).</summary>
    string ScheduleSetting { get; }

    Task RunAsync(TimerTriggerInfo timer, CancellationToken cancellationToken);
}

public sealed record TimerTriggerInfo(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next);
