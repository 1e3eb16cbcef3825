using GitLabConnector.Health;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

/// <summary>Anonymous; per-dependency detail with the admin key.</summary>
public sealed class HealthFunction(HealthCheck health)
{
    [Function(FunctionNames.Health)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        health.CheckAsync(request, cancellationToken);
}
