using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Globalization;
using System.Text.Json.Nodes;
using GitLabConnector.GitLab;
using GitLabConnector.GitLabEvents;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>Project and group hook CRUD. Stores the request body as sent; never returns tokens.</summary>
internal static class FakeGitLabHookRoutes
{
    public static void Map(RouteGroupBuilder api, FakeGitLabState state)
    {
        MapFor(api, state, GitLabHookOwner.Project, "/projects/{id}/hooks");
        MapFor(api, state, GitLabHookOwner.Group, "/groups/{id}/hooks");
    }

    private static void MapFor(RouteGroupBuilder api, FakeGitLabState state, GitLabHookOwner owner, string template)
    {
        api.MapGet(template, (HttpContext context, long id) => FakeGitLabPaging.Page(context, [.. state.Hooks(owner, id).Select(h => Describe(state, h))], state.MaxPerPage));

        api.MapGet(template + "/{hookId}", (long id, long hookId) =>
            state.Hooks(owner, id).FirstOrDefault(h => h.Id == hookId) is { } hook ? FakeGitLabJson.Ok(Describe(state, hook)) : FakeGitLabJson.NotFound());

        api.MapPost(template, async (HttpContext context, long id) =>
        {
            if (FakeGitLabProjectRoutes.Refused(context, state, owner, id, null) is { } refused)
            {
                return refused;
            }

            var body = await FakeGitLabRequestBody.ReadAsync(context);
            if (body["url"] is null)
            {
                return FakeGitLabJson.Message(400, "url is missing");
            }

            return FakeGitLabJson.Ok(Describe(state, state.SaveHook(owner, id, null, body)), 201);
        });

        api.MapPut(template + "/{hookId}", async (HttpContext context, long id, long hookId) =>
        {
            if (FakeGitLabProjectRoutes.Refused(context, state, owner, id, hookId) is { } refused)
            {
                return refused;
            }

            var body = await FakeGitLabRequestBody.ReadAsync(context);
            return FakeGitLabJson.Ok(Describe(state, state.SaveHook(owner, id, hookId, body)));
        });

        api.MapDelete(template + "/{hookId}", (long id, long hookId) =>
            state.RemoveHook(owner, id, hookId) ? Results.NoContent() : FakeGitLabJson.NotFound());
    }

    private static JsonObject Describe(FakeGitLabState state, FakeGitLabHook hook)
    {
        var (alertStatus, disabledUntil) = state.HookHealth.StatusOf(hook.Id);
        var json = new JsonObject
        {
            ["id"] = hook.Id,
            ["url"] = hook.RequestBody["url"]?.DeepClone(),
            [hook.Owner == GitLabHookOwner.Project ? "project_id" : "group_id"] = hook.OwnerId,
            ["created_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["enable_ssl_verification"] = hook.RequestBody["enable_ssl_verification"]?.DeepClone() ?? true,
            ["token_present"] = hook.RequestBody["token"] is not null,
            ["signing_token_present"] = hook.RequestBody["signing_token"] is not null,
            ["alert_status"] = alertStatus,
            ["disabled_until"] = disabledUntil?.ToString("O", CultureInfo.InvariantCulture),
        };
        foreach (var flag in (hook.Owner == GitLabHookOwner.Group ? GitLabEventFlags.All : GitLabEventFlags.Project))
        {
            // GitLab's defaults: push_events on, everything else off.
            json[flag] = hook.RequestBody[flag]?.DeepClone() ?? (flag == GitLabEventFlags.Push);
        }

        return json;
    }
}
