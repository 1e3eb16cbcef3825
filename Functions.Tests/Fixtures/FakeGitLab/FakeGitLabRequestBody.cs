using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Text.Json.Nodes;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>Reads a request body the way GitLab's API accepts it: JSON or form fields.</summary>
internal static class FakeGitLabRequestBody
{
    public static async Task<JsonObject> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.HasJsonContentType())
        {
            return (await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted))?.AsObject() ?? [];
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            return new JsonObject(form.Select(f => new KeyValuePair<string, JsonNode?>(f.Key, f.Value.ToString())));
        }

        return [];
    }
}
