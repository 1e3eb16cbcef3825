using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Globalization;
using System.Text.Json.Nodes;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>Read routes used by enrichment, answered from <see cref="FakeGitLabState"/> by request path.</summary>
internal static class FakeGitLabResourceRoutes
{
    public static void Map(RouteGroupBuilder api, FakeGitLabState state)
    {
        api.MapGet("/user", (HttpContext context) =>
        {
            var token = (FakeGitLabToken)context.Items[FakeGitLabGate.TokenItem]!;
            return state.Resource(string.Create(CultureInfo.InvariantCulture, $"/users/{token.UserId}")) is { } user
                ? FakeGitLabJson.Ok(user)
                : FakeGitLabJson.NotFound("User Not Found");
        });

        MapObject(api, state, "/users/{id}", "User Not Found");
        MapObject(api, state, "/projects/{id}", "Project Not Found");
        MapObject(api, state, "/projects/{id}/merge_requests/{iid}", "Not found");
        MapObject(api, state, "/projects/{id}/merge_requests/{iid}/approvals", "Not found");
        MapList(api, state, "/projects/{id}/merge_requests/{iid}/discussions");
        MapList(api, state, "/projects/{id}/merge_requests/{iid}/commits");
        MapObject(api, state, "/projects/{id}/repository/commits/{sha}", "Commit Not Found");
        MapObject(api, state, "/projects/{id}/pipelines/{pipelineId}", "Not found");
        MapObject(api, state, "/projects/{id}/issues/{iid}", "Not found");

        api.MapGet("/projects/{id}/pipelines/{pipelineId}/jobs", (HttpContext context) =>
        {
            if (state.List(PathOf(context)) is not { } jobs)
            {
                return FakeGitLabJson.NotFound();
            }

            var scopes = context.Request.Query["scope[]"].Concat(context.Request.Query["scope"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var matching = scopes.Count == 0 ? jobs : [.. jobs.Where(j => scopes.Contains(j["status"]?.GetValue<string>() ?? string.Empty))];
            return FakeGitLabPaging.Page(context, matching);
        });
    }

    private static void MapObject(RouteGroupBuilder api, FakeGitLabState state, string template, string notFound) =>
        api.MapGet(template, (HttpContext context) =>
            state.Resource(PathOf(context)) is JsonObject json ? FakeGitLabJson.Ok(json) : FakeGitLabJson.NotFound(notFound));

    private static void MapList(RouteGroupBuilder api, FakeGitLabState state, string template) =>
        api.MapGet(template, (HttpContext context) =>
            state.List(PathOf(context)) is { } items ? FakeGitLabPaging.Page(context, items) : FakeGitLabJson.NotFound());

    internal static string PathOf(HttpContext context) => (string)context.Items[FakeGitLabGate.PathItem]!;
}
