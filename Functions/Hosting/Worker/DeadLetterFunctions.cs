using GitLabConnector.Admin;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

/// <summary>The host checks the function key.</summary>
public sealed class DeadLetterFunctions(AdminDependencyFilter guard, DeadLetterHandlers handlers)
{
    [Function("list-dead-letters")]
    public Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "deadletter")] HttpRequest request, CancellationToken ct)
    {
        var max = int.TryParse(request.Query["max"], out var m) ? m : (int?)null;
        return guard.RunAsync(request, async () => await handlers.ListAsync(request.Query["connectionId"], max, ct));
    }

    [Function("replay-dead-letters")]
    public Task<IResult> ReplayAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "deadletter/replay")] HttpRequest request, CancellationToken ct) =>
        guard.RunAsync(request, async () => await handlers.ReplayAsync(request, ct));
}
