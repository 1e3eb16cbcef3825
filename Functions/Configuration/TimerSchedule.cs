using NCrontab;

namespace GitLabConnector.Configuration;

/// <summary>A timer schedule read as the Functions timer trigger reads it: 6-field NCRONTAB (with seconds), UTC.</summary>
public static class TimerSchedule
{
    private static readonly CrontabSchedule.ParseOptions WithSeconds = new() { IncludingSeconds = true };

    /// <summary>The parsed schedule, or null when the expression is not a 6-field NCRONTAB expression.</summary>
    public static CrontabSchedule? TryParse(string? expression) =>
        string.IsNullOrWhiteSpace(expression) ? null : CrontabSchedule.TryParse(expression, WithSeconds);

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC).</summary>
    public static DateTimeOffset Next(CrontabSchedule schedule, DateTimeOffset after) =>
        new(schedule.GetNextOccurrence(after.UtcDateTime), TimeSpan.Zero);
}
