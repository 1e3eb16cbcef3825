using GitLabConnector.Admin;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

/// <summary><see cref="AuthorizationLevel.Function"/>: the host checks the function key before the worker sees the request.</summary>
public sealed class ConnectionFunctions(
    AdminDependencyFilter guard,
    ConnectHandler connect,
    ConnectionQueries queries,
    ConnectionTokenHandler tokens,
    CaCertificateHandler caCertificate,
    WebhookSecretRotation secrets,
    UserMapHandler userMap,
    EventStatusHandler events,
    SyncHandler sync,
    DisconnectHandler disconnect)
{
    private const AuthorizationLevel Admin = AuthorizationLevel.Function;

    [Function("connect")]
    public Task<IResult> ConnectAsync([HttpTrigger(Admin, "post", Route = "connections")] HttpRequest request, CancellationToken ct) =>
        guard.RunAsync(request, async () => await connect.ConnectAsync(request, ct));

    [Function("list-connections")]
    public Task<IResult> ListAsync([HttpTrigger(Admin, "get", Route = "connections")] HttpRequest request, CancellationToken ct) =>
        guard.RunAsync(request, async () => await queries.ListAsync(ct));

    [Function("get-connection")]
    public Task<IResult> GetAsync([HttpTrigger(Admin, "get", Route = "connections/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        guard.RunAsync(request, async () => await queries.GetAsync(id, ct));

    [Function("connection-instructions")]
    public Task<IResult> InstructionsAsync([HttpTrigger(Admin, "get", Route = "connections/{id}/instructions")] HttpRequest request, string id, CancellationToken ct) =>
        guard.RunAsync(request, async () => await queries.InstructionsAsync(id, ct));

    [Function("test-connection")]
    public Task<IResult> TestAsync([HttpTrigger(Admin, "post", Route = "connections/{id}/test")] HttpRequest request, string id, CancellationToken ct) =>
        guard.RunAsync(request, async () => await tokens.TestAsync(id, ct));

    [Function("replace-token")]
    public Task<IResult> ReplaceTokenAsync([HttpTrigger(Admin, "put", Route = "connections/{id}/token")] HttpRequest request, string id, CancellationToken ct) =>
        guard.RunAsync(request, async () => await tokens.ReplaceAsync(id, request, ct));

    [Function("set-ca-certificate")]
    public Task<IResult> SetCaCertificateAsync([HttpTrigger(Admin, "put", Route = "connections/{id}/ca-certificate")] HttpRequest request, string id, CancellationToken ct) =>
        guard.RunAsync(request, async () => await caCertificate.SetAsync(id, request, ct));

    [Function("remove-ca-certificate")]
    public Task<IResult> RemoveCaCertificateAsync([HttpTrigger(Admin, "delete", Route = "connections/{id}/ca-certificate")] HttpRequest request, string id, CancellationToken ct) =>
        guard.RunAsync(request, async () => await caCertificate.RemoveAsync(id, ct));

    [Function("rotate-webhook-secret")]
    public Task<IResult> RotateSecretAsync([HttpTrigger(Admin, "post", Route = "connections/{id}/webhook-secret/rotate")] HttpRequest request, string id, CancellationToken ct) =>
        guard.RunAsync(request, async () => await secrets.RotateAsync(id, ct));

    [Function("replace-user-map")]
    public Task<IResult> ReplaceUserMapAsync([HttpTrigger(Admin, "put", Route = "connections/{id}/user-map")] HttpRequest request, string id, CancellationToken ct) =>
        guard.RunAsync(request, async () => await userMap.ReplaceAsync(id, request, ct));

    [Function("event-status")]
    public Task<IResult> EventStatusAsync([HttpTrigger(Admin, "get", Route = "connections/{id}/events/{eventId}")] HttpRequest request, string id, string eventId, CancellationToken ct) =>
        guard.RunAsync(request, async () => await events.GetAsync(id, eventId, ct));

    [Function("start-sync")]
    public Task<IResult> StartSyncAsync([HttpTrigger(Admin, "post", Route = "connections/{id}/sync")] HttpRequest request, string id, CancellationToken ct) =>
        guard.RunAsync(request, async () => await sync.StartAsync(id, request, ct));

    [Function("sync-status")]
    public Task<IResult> SyncStatusAsync([HttpTrigger(Admin, "get", Route = "connections/{id}/sync/{syncId}")] HttpRequest request, string id, string syncId, CancellationToken ct) =>
        guard.RunAsync(request, async () => await sync.GetAsync(id, syncId, ct));

    [Function("disconnect")]
    public Task<IResult> DisconnectAsync([HttpTrigger(Admin, "delete", Route = "connections/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        guard.RunAsync(request, async () => await disconnect.DisconnectAsync(id, ct));
}
