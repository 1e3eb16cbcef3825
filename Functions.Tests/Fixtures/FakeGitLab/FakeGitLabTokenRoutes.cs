using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Globalization;
using System.Text.Json.Nodes;
using GitLabConnector.GitLab;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary><c>/personal_access_tokens/self</c> and the three self-rotate endpoints, with GitLab's rotation rules.</summary>
internal static class FakeGitLabTokenRoutes
{
    public static void Map(RouteGroupBuilder api, FakeGitLabState state)
    {
        api.MapGet("/personal_access_tokens/self", (HttpContext context) => FakeGitLabJson.Ok(Describe(CurrentToken(context))));

        api.MapPost("/personal_access_tokens/self/rotate", (Func<HttpContext, Task<IResult>>)(context =>
        {
            var token = CurrentToken(context);
            return token.Kind == GitLabTokenKind.Personal
                ? RotateAsync(context, state, token)
                : Task.FromResult(FakeGitLabJson.Message(405, "405 Method Not Allowed"));
        }));

        api.MapPost("/projects/{id}/access_tokens/self/rotate", (HttpContext context, long id) => RotateResourceTokenAsync(context, state, GitLabTokenKind.Project, id));
        api.MapPost("/groups/{id}/access_tokens/self/rotate", (HttpContext context, long id) => RotateResourceTokenAsync(context, state, GitLabTokenKind.Group, id));
    }

    private static Task<IResult> RotateResourceTokenAsync(HttpContext context, FakeGitLabState state, GitLabTokenKind kind, long resourceId)
    {
        var token = CurrentToken(context);
        return token.Kind == kind && token.ResourceId == resourceId
            ? RotateAsync(context, state, token)
            : Task.FromResult(FakeGitLabJson.Message(401, "401 Unauthorized"));
    }

    private static async Task<IResult> RotateAsync(HttpContext context, FakeGitLabState state, FakeGitLabToken token)
    {
        if (!token.Scopes.Contains("api") && !token.Scopes.Contains("self_rotate"))
        {
            return FakeGitLabJson.Message(403, "403 Forbidden");
        }

        var body = await FakeGitLabRequestBody.ReadAsync(context);
        var expiresText = context.Request.Query["expires_at"].FirstOrDefault() ?? body["expires_at"]?.GetValue<string>();
        var expiresAt = expiresText is null
            ? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7)
            : DateOnly.ParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        var rotated = state.Rotate(token, expiresAt);
        var json = Describe(rotated);
        json["token"] = rotated.Value;
        if (rotated.Kind != GitLabTokenKind.Personal)
        {
            json["access_level"] = 40;
        }

        return FakeGitLabJson.Ok(json);
    }

    private static JsonObject Describe(FakeGitLabToken token) => new()
    {
        ["id"] = token.Id,
        ["name"] = token.Name,
        ["revoked"] = token.Revoked,
        ["created_at"] = token.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["description"] = null,
        ["scopes"] = new JsonArray([.. token.Scopes.Select(s => (JsonNode?)s)]),
        ["user_id"] = token.UserId,
        ["last_used_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["active"] = token.IsActive,
        ["expires_at"] = token.ExpiresAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static FakeGitLabToken CurrentToken(HttpContext context) => (FakeGitLabToken)context.Items[FakeGitLabGate.TokenItem]!;
}
