using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitLabConnector.Tests.Fixtures.FakeKeyVault;

/// <summary>The Key Vault secrets REST operations the connector uses (api-version is accepted and ignored).</summary>
internal static class FakeKeyVaultEndpoints
{
    public static void Map(IEndpointRouteBuilder app, FakeKeyVaultState state)
    {
        app.MapPut("/secrets/{name}", async (string name, HttpRequest request, CancellationToken ct) =>
        {
            var body = await FakeKeyVaultJson.ReadWriteBodyAsync(request.Body, ct);
            if (body.Value is null)
            {
                return Json(400, FakeKeyVaultJson.Error("BadParameter", "The request must contain a value."));
            }

            var created = state.Add(name, body.Value, body.ContentType, body.Enabled ?? true, body.NotBefore, body.ExpiresOn, body.Tags);
            return Json(200, FakeKeyVaultJson.Bundle(created, BaseUrl(request), includeValue: true));
        });

        app.MapGet("/secrets/{name}/versions", (string name, HttpRequest request) =>
        {
            var versions = state.Versions(name);
            if (versions.Count == 0)
            {
                return NotFound(name);
            }

            var items = new JsonArray([.. versions.Select(v => (JsonNode)FakeKeyVaultJson.Item(v, BaseUrl(request)))]);
            return Json(200, new JsonObject { ["value"] = items, ["nextLink"] = null });
        });

        app.MapGet("/secrets/{name}", (string name, HttpRequest request) => Get(state, name, null, request));
        app.MapGet("/secrets/{name}/{version}", (string name, string version, HttpRequest request) => Get(state, name, version, request));

        app.MapMethods("/secrets/{name}/{version}", ["PATCH"], async (string name, string version, HttpRequest request, CancellationToken ct) =>
        {
            var body = await FakeKeyVaultJson.ReadWriteBodyAsync(request.Body, ct);
            var updated = state.Update(name, version, v => v with
            {
                ContentType = body.ContentType ?? v.ContentType,
                Enabled = body.Enabled ?? v.Enabled,
                NotBefore = body.NotBefore ?? v.NotBefore,
                ExpiresOn = body.ExpiresOn ?? v.ExpiresOn,
                Tags = body.Tags ?? v.Tags,
            });
            return updated is null ? NotFound(name) : Json(200, FakeKeyVaultJson.Bundle(updated, BaseUrl(request), includeValue: false));
        });

        app.MapDelete("/secrets/{name}", (string name, HttpRequest request) =>
        {
            var removed = state.Remove(name);
            return removed is null ? NotFound(name) : Json(200, FakeKeyVaultJson.Deleted(removed, BaseUrl(request)));
        });
    }

    public static IResult Json(int status, JsonObject body) =>
        Results.Content(body.ToJsonString(), "application/json; charset=utf-8", statusCode: status);

    private static IResult Get(FakeKeyVaultState state, string name, string? version, HttpRequest request)
    {
        var secret = state.Find(name, version);
        if (secret is null)
        {
            return NotFound(name);
        }

        return secret.Enabled
            ? Json(200, FakeKeyVaultJson.Bundle(secret, BaseUrl(request), includeValue: true))
            : Json(403, FakeKeyVaultJson.Error("Forbidden", "Operation get is not allowed on a disabled secret."));
    }

    private static IResult NotFound(string name) =>
        Json(404, FakeKeyVaultJson.Error("SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault."));

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
