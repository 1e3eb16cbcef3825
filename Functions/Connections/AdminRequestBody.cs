using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GitLabConnector.Connections;

/// <summary>
/// Reads an admin request's JSON body inside the handler, after the admin key was checked (a bound parameter would be
/// read before any filter runs), with the same answer in both hosts: no body is null, a malformed one a 400 problem.
/// </summary>
public static class AdminRequestBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return (null, null);
        }

        try
        {
            return (await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken).ConfigureAwait(false), null);
        }
        catch (JsonException)
        {
            return (null, AdminProblems.Create(StatusCodes.Status400BadRequest, "invalid-request", "The body is not valid JSON for this route."));
        }
    }
}
