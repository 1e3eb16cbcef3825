using System.Collections.Concurrent;
using System.Diagnostics;

namespace GitLabConnector.Tests.Telemetry;

/// <summary>Records every stopped activity of the connector, HttpClient and ASP.NET Core (process-wide: filter by trace id).</summary>
public sealed class ActivityRecorder : IDisposable
{
    private static readonly string[] Sources = ["GitLabConnector", "System.Net.Http", "Microsoft.AspNetCore"];

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    public IReadOnlyList<Activity> InTrace(string traceId) => [.. _stopped.Where(a => a.TraceId.ToHexString() == traceId)];

    /// <summary>Every tag and name of every recorded activity, for "never contains X" assertions.</summary>
    public string AllText => string.Join('\n', _stopped.Select(a =>
        $"{a.Source.Name} {a.OperationName} {a.DisplayName} {a.StatusDescription} " +
        string.Join(' ', a.TagObjects.Select(t => $"{t.Key}={t.Value}")) + " " +
        string.Join(' ', a.Events.Select(e => e.Name + " " + string.Join(' ', e.Tags.Select(t => $"{t.Key}={t.Value}"))))));

    public void Dispose() => _listener.Dispose();
}
