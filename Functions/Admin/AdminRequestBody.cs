using System.Text.Json.Serialization.Metadata;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Admin;

/// <summary>
/// Reads an admin request's JSON body inside the handler, after the admin key was checked (a bound parameter would be
/// read before any filter runs): no body is null, a malformed one 400, one over <see cref="MaxBytes"/> 413.
/// </summary>
internal static class AdminRequestBody
{
    /// <summary>Admin JSON bodies are a few hundred bytes; a long list of hook targets stays far below this.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Throws <see cref="AdminProblemException"/> (answered by <see cref="AdminDependencyFilter"/> as the problem it carries).</summary>
    public static Task<T?> ReadOrRejectAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        ReadOrRejectAsync(request, type, "The body is not valid JSON for this route.", cancellationToken);

    /// <summary>Throws <see cref="AdminProblemException"/> (answered by <see cref="AdminDependencyFilter"/> as the problem it carries).</summary>
    public static async Task<T?> ReadOrRejectAsync<T>(HttpRequest request, JsonTypeInfo<T> type, string invalidDetail, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return null;
        }

        using var body = await BoundedBodyReader.ReadAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new AdminProblemException(AdminProblems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", $"Admin request bodies are at most {MaxBytes} bytes."));
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body.Memory.Span, type);
        }
        catch (JsonException)
        {
            throw new AdminProblemException(AdminProblems.Create(StatusCodes.Status400BadRequest, "invalid-request", invalidDetail));
        }
    }
}
