namespace GitLabConnector.Webhooks;

/// <summary>RFC 9457 problem responses for rejected deliveries; they name the reason and never echo secrets.</summary>
internal static class WebhookProblems
{
    public static IResult Create(HttpResponse response, int status, string reason, string detail, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(
            statusCode: status,
            title: reason,
            detail: detail,
            type: "about:blank", // no page describes each reason; "reason" names it
            extensions: new Dictionary<string, object?> { ["reason"] = reason });
    }
}
