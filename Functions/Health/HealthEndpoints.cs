using System.Text.Json.Serialization;

namespace GitLabConnector.Health;

/// <summary><c>GET /api/health</c>, anonymous; see <see cref="HealthCheck"/>.</summary>
public static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealth(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var check = ActivatorUtilities.CreateInstance<HealthCheck>(((IEndpointRouteBuilder)api).ServiceProvider);
        api.MapGet("/health", (HttpRequest request) => check.HandleAsync(request.HttpContext)).WithName("health");
        return api;
    }
}

/// <summary>The health answer; <c>checks</c> (per dependency) only for a caller with the admin key.</summary>
public sealed record HealthReport(
    string Status,
    string Mode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Checks);
