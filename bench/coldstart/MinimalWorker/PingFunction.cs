using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MinimalWorker;

/// <summary>The one HTTP function: a worker needs at least one to index.</summary>
public static class PingFunction
{
    [Function("ping")]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) => new OkResult();
}
