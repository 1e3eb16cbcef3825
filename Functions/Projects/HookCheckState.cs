namespace GitLabConnector.Projects;

/// <param name="Alerted">The hook is disabled and an alert went out for this episode.</param>
/// <param name="ResentThrough">Id of the newest failed delivery resent (hook event ids only grow).</param>
/// <param name="Marks">
/// When the check read the hook's log and the newest delivery id it saw then (<c>unixSeconds:id</c>, <c>;</c>-separated):
/// GitLab's log entries carry no time, so a delivery at or below an id seen 2 days ago is older than 2 days.
/// </param>
public sealed record HookCheckState(bool Alerted, long ResentThrough, string Marks = "")
{
    /// <summary>The newest delivery id known to be older than <paramref name="before"/> (0: none).</summary>
    public long ExpiredThrough(DateTimeOffset before) => Read().Where(m => m.At <= before).Select(m => m.Id).DefaultIfEmpty(0).Max();

    /// <summary>Adds a mark, keeping those younger than <paramref name="window"/> and the newest older one.</summary>
    public HookCheckState Seen(DateTimeOffset at, long newestId, TimeSpan window)
    {
        var marks = Read().Append((At: at, Id: newestId)).ToList();
        var expired = marks.Where(m => m.At <= at - window).Select(m => m.At).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        return this with { Marks = string.Join(';', marks.Where(m => m.At >= expired).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.At.ToUnixTimeSeconds()}:{m.Id}"))) };
    }

    private IEnumerable<(DateTimeOffset At, long Id)> Read() =>
        Marks.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(m => m.Split(':')).Select(p =>
            (DateTimeOffset.FromUnixTimeSeconds(long.Parse(p[0], CultureInfo.InvariantCulture)), long.Parse(p[1], CultureInfo.InvariantCulture)));
}
