using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Admin;

/// <summary><c>PUT /api/connections/{id}/user-map</c> with a <c>text/csv</c> body: all rows valid, or nothing stored.</summary>
public sealed class UserMapHandler(IConnectionStore store, IUserEmailMap map, ILogger<UserMapHandler> logger)
{
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    public async Task<Results<Ok<UserMapReplaced>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        const string Action = "replace user map";
        await store.RequireActiveAsync(id, cancellationToken).ConfigureAwait(false);
        if (request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() is not ("text/csv" or "text/plain"))
        {
            return AdminProblems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send the map as text/csv: one gitlabUserId,email per line.");
        }

        using var body = await BoundedBodyReader.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return AdminProblems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", $"The map exceeds {MaxBodyBytes} bytes.");
        }

        var parsed = UserMapCsv.Parse(Encoding.UTF8.GetString(body.Memory.Span));
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
