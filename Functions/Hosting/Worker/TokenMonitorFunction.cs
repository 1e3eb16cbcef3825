using GitLabConnector.Tokens;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

public sealed class TokenMonitorFunction(TokenMonitorRun run)
{
    [Function(FunctionNames.TokenMonitor)]
    public Task RunAsync([TimerTrigger(FunctionNames.TokensScheduleBinding)] TimerInfo timer, CancellationToken cancellationToken) =>
        run.RunAsync(cancellationToken);
}
