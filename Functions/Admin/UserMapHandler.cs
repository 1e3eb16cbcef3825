using GitLabConnector.Connections;
using GitLabConnector.Enrichment;

namespace GitLabConnector.Admin;

/// <summary><c>PUT /api/connections/{id}/user-map</c> with a <c>text/csv</c> body: all rows valid, or nothing stored.</summary>
public sealed class UserMapHandler(IConnectionStore store, IUserEmailMap map, ILogger<UserMapHandler> logger)
{
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    public async Task<Results<Ok<UserMapReplaced>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string Action = "replace user map";
        var record = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return AdminProblems.NotFound(id);
        }

        if (record.Status != ConnectionStatus.Active)
        {
            return AdminProblems.Disconnected(id);
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "text/csv", StringComparison.OrdinalIgnoreCase) && !string.Equals(mediaType, "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return AdminProblems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send the map as text/csv: one gitlabUserId,email per line.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return AdminProblems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", $"The map exceeds {MaxBodyBytes} bytes.");
        }

        var text = new StringBuilder();
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            var chunk = new char[16 * 1024];
            int read;
            while ((read = await reader.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (text.Length + read > MaxBodyBytes)
                {
                    return AdminProblems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", $"The map exceeds {MaxBodyBytes} bytes.");
                }

                text.Append(chunk, 0, read);
            }
        }

        var parsed = UserMapCsv.Parse(text.ToString());
        if (!parsed.IsValid)
        {
            AdminLog.Rejected(logger, Action, id, $"{parsed.Errors.Count} bad rows");
            return AdminProblems.Invalid(new Dictionary<string, string[]> { ["csv"] = [.. parsed.Errors] });
        }

        await map.ReplaceAsync(id, parsed.Emails, cancellationToken).ConfigureAwait(false);
        AdminLog.UserMapReplaced(logger, id, parsed.Emails.Count);
        return TypedResults.Ok(new UserMapReplaced(id, parsed.Emails.Count));
    }
}
