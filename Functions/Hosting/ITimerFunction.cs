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

    /// <summary>The configuration key the app reads the schedule from (<c>Connector:Tokens:Schedule</c>); function.json names the host's flat copy (<see cref="SettingNames.HostTokensSchedule"/>).</summary>
    string ScheduleSetting { get; }

    Task RunAsync(TimerTriggerInfo timer, CancellationToken cancellationToken);
}

public sealed record TimerTriggerInfo(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next);
