namespace GitLabConnector.Hosting;

/// <summary>6-field NCRONTAB schedule ({second} {minute} {hour} {day} {month} {day-of-week}). Placeholder: replaced by the hosting work.</summary>
public sealed class CronSchedule
{
    private CronSchedule()
    {
    }

    public static bool TryParse(string? expression, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        error = null;
        if (expression is null || expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            error = "must be a 6-field NCRONTAB expression such as 0 0 */6 * * *";
            return false;
        }

        schedule = new CronSchedule();
        return true;
    }
}
