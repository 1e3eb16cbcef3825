using GitLabConnector.Tokens;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

/// <summary><c>token-monitor</c>: expiry, revocation and rotation checks on the schedule the host reads from <c>CONNECTOR_TOKENS_SCHEDULE</c>.</summary>
public sealed class TokenMonitorFunction(TokenMonitorRun run)
{
    [Function(FunctionNames.TokenMonitor)]
    public Task RunAsync([TimerTrigger(FunctionNames.TokensScheduleBinding)] TimerInfo timer, CancellationToken cancellationToken) =>
        run.RunAsync(cancellationToken);
}
