namespace GitLabConnector.Webhooks;

/// <summary>RFC 9457 problem responses for rejected deliveries; they name the reason and never echo secrets.</summary>
internal static class WebhookProblems
{
    public static IResult Create(int status, string reason, string detail, TimeSpan? retryAfter = null)
    {
        var result = TypedResults.Problem(
            statusCode: status,
            title: reason,
            detail: detail,
            type: "about:blank", // no page describes each reason; "reason" names it
            extensions: new Dictionary<string, object?> { ["reason"] = reason });
        return retryAfter is { } wait ? new RetryAfterResult(result, wait) : result;
    }

    private sealed class RetryAfterResult(IResult inner, TimeSpan wait) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
