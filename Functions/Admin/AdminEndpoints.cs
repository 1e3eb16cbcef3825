namespace GitLabConnector.Admin;

/// <summary>Admin API under <c>/api/connections</c> and <c>/api/deadletter</c> (docs/admin-api.md), behind <see cref="AdminKeyFilter"/>.</summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api)
    {
        // The filters are the registered singletons, not AddEndpointFilter<T>(): that overload probes for a constructor
        // taking the filter context first, throwing (and catching) an exception per filter whenever endpoints are built.
        var services = ((IEndpointRouteBuilder)api).ServiceProvider;
        var admin = api.MapGroup(string.Empty)
            .AddEndpointFilter(services.GetRequiredService<AdminKeyFilter>())
            .AddEndpointFilter(services.GetRequiredService<AdminDependencyFilter>())
            .WithTags("admin");

        var connections = admin.MapGroup("/connections");
        connections.MapPost("/", (HttpRequest request, ConnectHandler handler, CancellationToken ct) => handler.ConnectAsync(request, ct))
            .Accepts<ConnectRequest>("application/json")
            .WithName("connect");
        connections.MapGet("/", (ConnectionQueries queries, CancellationToken ct) => queries.ListAsync(ct))
            .WithName("listConnections");
        connections.MapGet("/{id}", (string id, ConnectionQueries queries, CancellationToken ct) => queries.GetAsync(id, ct))
            .WithName("getConnection");
        connections.MapGet("/{id}/instructions", (string id, ConnectionQueries queries, CancellationToken ct) => queries.InstructionsAsync(id, ct))
            .WithName("connectionInstructions");
        connections.MapPost("/{id}/test", (string id, ConnectionTokenHandler handler, CancellationToken ct) => handler.TestAsync(id, ct))
            .WithName("testConnection");
        connections.MapPut("/{id}/token", (string id, HttpRequest request, ConnectionTokenHandler handler, CancellationToken ct) => handler.ReplaceAsync(id, request, ct))
            .Accepts<ReplaceTokenRequest>("application/json")
            .WithName("replaceToken");
        connections.MapPut("/{id}/ca-certificate", (string id, HttpRequest request, CaCertificateHandler handler, CancellationToken ct) => handler.SetAsync(id, request, ct))
            .Accepts<CaCertificateRequest>("application/json")
            .WithName("setCaCertificate");
        connections.MapDelete("/{id}/ca-certificate", (string id, CaCertificateHandler handler, CancellationToken ct) => handler.RemoveAsync(id, ct))
            .WithName("removeCaCertificate");
        connections.MapPost("/{id}/webhook-secret/rotate", (string id, WebhookSecretRotation rotation, CancellationToken ct) => rotation.RotateAsync(id, ct))
            .WithName("rotateWebhookSecret");
        connections.MapPut("/{id}/user-map", (string id, HttpRequest request, UserMapHandler handler, CancellationToken ct) => handler.ReplaceAsync(id, request, ct))
            .Accepts<string>("text/csv")
            .WithName("replaceUserMap");
        connections.MapGet("/{id}/events/{eventId}", (string id, string eventId, [Microsoft.AspNetCore.Mvc.FromServices] EventStatusHandler handler, CancellationToken ct) => handler.GetAsync(id, eventId, ct))
            .WithName("event-status");
        connections.MapPost("/{id}/sync", (string id, HttpRequest request, SyncHandler handler, CancellationToken ct) => handler.StartAsync(id, request, ct))
            .Accepts<SyncRequest>("application/json")
            .WithName("startSync");
        connections.MapGet("/{id}/sync/{syncId}", (string id, string syncId, SyncHandler handler, CancellationToken ct) => handler.GetAsync(id, syncId, ct))
            .WithName("syncStatus");
        connections.MapGet("/{id}/projects", (string id, string? page, string? search, [Microsoft.AspNetCore.Mvc.FromServices] ProjectHandlers handlers, CancellationToken ct) => handlers.ListAsync(id, page, search, ct))
            .WithName("listProjects");
        connections.MapPost("/{id}/projects/{projectId:long}/hook", (string id, long projectId, [Microsoft.AspNetCore.Mvc.FromServices] ProjectHandlers handlers, CancellationToken ct) => handlers.InstallHookAsync(id, projectId, ct))
            .WithName("installProjectHook");
        connections.MapDelete("/{id}", (string id, DisconnectHandler handler, CancellationToken ct) => handler.DisconnectAsync(id, ct))
            .WithName("disconnect");

        var deadLetters = admin.MapGroup("/deadletter");
        deadLetters.MapGet("/", (string? connectionId, int? max, DeadLetterHandlers handlers, CancellationToken ct) => handlers.ListAsync(connectionId, max, ct))
            .WithName("listDeadLetters");
        deadLetters.MapPost("/replay", (HttpRequest request, DeadLetterHandlers handlers, CancellationToken ct) => handlers.ReplayAsync(request, ct))
            .WithName("replayDeadLetters");
        return api;
    }
}
