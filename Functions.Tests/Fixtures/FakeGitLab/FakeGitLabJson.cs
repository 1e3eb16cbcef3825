using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Text.Json.Nodes;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>JSON answers shaped like GitLab's, including its <c>{"message":"404 Not Found"}</c> errors.</summary>
internal static class FakeGitLabJson
{
    public static IResult Ok(JsonNode body, int status = 200) =>
        Results.Content(body.ToJsonString(), "application/json", statusCode: status);

    public static IResult Message(int status, string message) =>
        Results.Content(new JsonObject { ["message"] = message }.ToJsonString(), "application/json", statusCode: status);

    public static IResult NotFound(string what = "Not Found") => Message(404, "404 " + what);

    public static async Task WriteMessageAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(new JsonObject { ["message"] = message }.ToJsonString(), response.HttpContext.RequestAborted);
    }
}
