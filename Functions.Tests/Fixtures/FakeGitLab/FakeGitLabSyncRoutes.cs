using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Text.Json.Nodes;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>
/// The list routes a sync reads besides the projects, paged (at most <see cref="FakeGitLabState.MaxPerPage"/> per page):
/// per project merge requests, issues and pipelines (<c>updated_after</c>, newest first) and commits (<c>since</c>,
/// <c>stats</c> only with <c>with_stats=true</c>). A project without a list answers 404, like a project that is gone.
/// </summary>
internal static class FakeGitLabSyncRoutes
{
    public static void Map(RouteGroupBuilder api, FakeGitLabState state)
    {
        foreach (var kind in new[] { "merge_requests", "issues", "pipelines" })
        {
            api.MapGet("/projects/{id}/" + kind, (HttpContext context) =>
                state.List(FakeGitLabResourceRoutes.PathOf(context)) is { } items
                    ? FakeGitLabPaging.Page(context, Since(items, context.Request.Query["updated_after"], "updated_at"), state.MaxPerPage)
                    : FakeGitLabJson.NotFound("Project Not Found"));
        }

        api.MapGet("/projects/{id}/repository/commits", (HttpContext context) =>
        {
            if (state.List(FakeGitLabResourceRoutes.PathOf(context)) is not { } commits)
            {
                return FakeGitLabJson.NotFound("Project Not Found");
            }

            if (context.Request.Query["with_stats"] != "true")
            {
                commits.ForEach(c => c.Remove("stats"));
            }

            return FakeGitLabPaging.Page(context, Since(commits, context.Request.Query["since"], "committed_date"), state.MaxPerPage);
        });
    }

    private static List<JsonObject> Since(List<JsonObject> items, string? since, string field) =>
        [.. items
            .Where(i => since is null || DateTimeOffset.Parse(i[field]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture))
            .OrderByDescending(i => DateTimeOffset.Parse(i[field]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))];
}
