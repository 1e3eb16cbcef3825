namespace GitLabConnector.Hosting;

/// <summary>The answer to the Functions host's readiness probe (<c>GET /</c>): <c>{"status":"up"}</c>.</summary>
public sealed record ReadinessResponse(string Status)
{
    public static ReadinessResponse Up { get; } = new("up");
}
