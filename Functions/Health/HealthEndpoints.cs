namespace GitLabConnector.Health;

/// <summary><c>GET /api/health</c> in the standalone host (the worker's <c>health</c> function calls the same check).</summary>
public static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealth(this RouteGroupBuilder api)
    {
        api.MapGet("/health", (HttpRequest request, HealthCheck health, CancellationToken ct) => health.CheckAsync(request, ct)).WithName("health");
        return api;
    }
}
