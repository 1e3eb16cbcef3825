using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>GitLab offset pagination: <c>page</c>/<c>per_page</c> (default 20, max 100) and GitLab's headers.</summary>
internal static class FakeGitLabPaging
{
    /// <param name="maxPerPage">Largest page served, whatever <c>per_page</c> asks (GitLab's cap is 100; tests page smaller).</param>
    public static IResult Page(HttpContext context, IReadOnlyList<JsonObject> items, int maxPerPage = 100)
    {
        var query = context.Request.Query;
        var perPage = Math.Clamp(ParseOr(query["per_page"], 20), 1, maxPerPage);
        var page = Math.Max(1, ParseOr(query["page"], 1));
        var totalPages = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var slice = items.Skip((page - 1) * perPage).Take(perPage);

        var headers = context.Response.Headers;
        headers["x-page"] = Text(page);
        headers["x-per-page"] = Text(perPage);
        headers["x-next-page"] = page < totalPages ? Text(page + 1) : string.Empty;
        headers["x-prev-page"] = page > 1 ? Text(page - 1) : string.Empty;
        headers["x-total"] = Text(items.Count);
        headers["x-total-pages"] = Text(totalPages);

        var links = new List<string>();
        if (page > 1)
        {
            links.Add($"<{PageUrl(context, page - 1, perPage)}>; rel=\"prev\"");
        }

        if (page < totalPages)
        {
            links.Add($"<{PageUrl(context, page + 1, perPage)}>; rel=\"next\"");
        }

        links.Add($"<{PageUrl(context, 1, perPage)}>; rel=\"first\"");
        links.Add($"<{PageUrl(context, totalPages, perPage)}>; rel=\"last\"");
        headers["Link"] = string.Join(", ", links);

        return FakeGitLabJson.Ok(new JsonArray([.. slice.Select(i => (JsonNode)i)]));
    }

    private static string PageUrl(HttpContext context, int page, int perPage)
    {
        var request = context.Request;
        var query = request.Query
            .Where(p => p.Key is not "page" and not "per_page")
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new("page", Text(page)))
            .Append(new("per_page", Text(perPage)));
        return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
    }

    private static int ParseOr(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
