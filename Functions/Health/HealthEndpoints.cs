namespace GitLabConnector.Health;

/// <summary><c>GET /api/health</c>: liveness and readiness, never secrets.</summary>
public static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealth(this RouteGroupBuilder api)
    {
        api.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        return api;
    }
}
