using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Text.Json.Nodes;
using GitLabConnector.GitLab;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>
/// <c>/projects</c> (the token's projects, paged), <c>/version</c>, and the hook routes a hook check uses: test delivery,
/// the hook events log and resend. Changes need a token with <c>api</c>, as on GitLab.
/// </summary>
internal static class FakeGitLabProjectRoutes
{
    public static void Map(RouteGroupBuilder api, FakeGitLabState state)
    {
        api.MapGet("/projects", (HttpContext context) =>
        {
            var search = context.Request.Query["search"].FirstOrDefault();
            var projects = state.Projects().Where(p => string.IsNullOrEmpty(search) || (p["path_with_namespace"]?.GetValue<string>() ?? string.Empty).Contains(search, StringComparison.OrdinalIgnoreCase));
            return FakeGitLabPaging.Page(context, [.. projects], state.MaxPerPage);
        });

        api.MapGet("/version", () => FakeGitLabJson.Ok(new JsonObject { ["version"] = state.Version, ["revision"] = "fake" }));

        foreach (var (owner, template) in new[] { (GitLabHookOwner.Project, "/projects/{id}/hooks/{hookId}"), (GitLabHookOwner.Group, "/groups/{id}/hooks/{hookId}") })
        {
            api.MapPost(template + "/test/{trigger}", (HttpContext context, long id, long hookId) =>
            {
                if (Refused(context, state, owner, id, hookId) is { } refused)
                {
                    return refused;
                }

                state.HookHealth.Test(hookId);
                return state.HookHealth.TestsSucceed ? FakeGitLabJson.Message(201, "201 Created") : FakeGitLabJson.Message(422, "[\"Hook execution failed\"]");
            });

            api.MapGet(template + "/events", (HttpContext context, long id, long hookId) =>
                state.HookExists(owner, id, hookId)
                    ? FakeGitLabPaging.Page(context, state.HookHealth.Deliveries(hookId), state.MaxPerPage)
                    : FakeGitLabJson.NotFound());

            api.MapPost(template + "/events/{eventId}/resend", (HttpContext context, long id, long hookId, long eventId) =>
                Refused(context, state, owner, id, hookId) ?? state.HookHealth.Resend(hookId, eventId) switch
                {
                    201 => FakeGitLabJson.Ok(new JsonObject { ["response_status"] = 200 }, 201),
                    429 => TooMany(context),
                    var status => FakeGitLabJson.Message(status, status + " Not found"),
                });
        }
    }

    private static IResult TooMany(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "60";
        return FakeGitLabJson.Message(429, "This endpoint has been requested too many times. Try again later.");
    }

    /// <summary>404 for an unknown hook, 403 <c>insufficient_scope</c> for a token without <c>api</c>.</summary>
    internal static IResult? Refused(HttpContext context, FakeGitLabState state, GitLabHookOwner owner, long id, long? hookId)
    {
        if (hookId is { } hook && !state.HookExists(owner, id, hook))
        {
            return FakeGitLabJson.NotFound();
        }

        var token = (FakeGitLabToken)context.Items[FakeGitLabGate.TokenItem]!;
        return token.Scopes.Contains("api")
            ? null
            : Results.Content(new JsonObject { ["error"] = "insufficient_scope", ["error_description"] = "The request requires higher privileges than provided by the access token.", ["scope"] = "api" }.ToJsonString(), "application/json", statusCode: 403);
    }
}
