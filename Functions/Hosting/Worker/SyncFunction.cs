using GitLabConnector.Sync;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

/// <summary><c>sync</c>: syncs every active connection from its watermark and runs the scheduled connection checks, on <c>CONNECTOR_SYNC_SCHEDULE</c>.</summary>
public sealed class SyncFunction(ScheduledSync run)
{
    [Function(FunctionNames.Sync)]
    public Task RunAsync([TimerTrigger(FunctionNames.SyncScheduleBinding)] TimerInfo timer, CancellationToken cancellationToken) =>
        run.RunAsync(cancellationToken);
}
