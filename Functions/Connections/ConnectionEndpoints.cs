namespace GitLabConnector.Connections;

/// <summary>Admin API under <c>/api/connections</c> and <c>/api/deadletter</c>.</summary>
public static class ConnectionEndpoints
{
    public static RouteGroupBuilder MapConnections(this RouteGroupBuilder api) => api;
}
