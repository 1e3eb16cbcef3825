using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GitLabConnector.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GitLabConnector.Connections;

/// <summary>
/// Reads an admin request's JSON body inside the handler, i.e. after <see cref="AdminKeyFilter"/> has passed: minimal
/// API binding of a typed body parameter reads and deserializes the body before any endpoint filter runs, so a caller
/// without the key could make the instance read and parse tens of megabytes. Bodies over <see cref="MaxBytes"/> are 413.
/// </summary>
internal static class AdminBody
{
    /// <summary>Admin JSON bodies are a few hundred bytes; a long list of hook targets stays far below this.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <returns>The value (null for an empty body), or the problem to answer with.</returns>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        using var body = await BoundedBodyReader.ReadAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, AdminProblems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", $"Admin request bodies are at most {MaxBytes} bytes."));
        }

        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize(body.Memory.Span, type), null);
        }
        catch (JsonException)
        {
            return (null, AdminProblems.Create(StatusCodes.Status400BadRequest, "invalid-request", "The body is not valid JSON for this request."));
        }
    }
}
