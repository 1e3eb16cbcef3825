using GitLabConnector.Sync;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

public sealed class SyncFunction(ScheduledSync run)
{
    [Function(FunctionNames.Sync)]
    public Task RunAsync([TimerTrigger(FunctionNames.SyncScheduleBinding)] TimerInfo timer, CancellationToken cancellationToken) =>
        run.RunAsync(cancellationToken);
}
