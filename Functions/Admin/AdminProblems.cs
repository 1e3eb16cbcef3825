namespace GitLabConnector.Admin;

/// <summary>RFC 9457 problems the admin API answers with; each names a stable <c>reason</c> and never echoes a secret.</summary>
internal static class AdminProblems
{
    public static ProblemHttpResult Create(int status, string reason, string detail) =>
        TypedResults.Problem(
            statusCode: status,
            title: reason,
            detail: detail,
            type: "about:blank", // no page describes each reason; "reason" names it
            extensions: new Dictionary<string, object?> { ["reason"] = reason });

    public static ProblemHttpResult NotFound(string connectionId) =>
        Create(StatusCodes.Status404NotFound, "unknown-connection", $"No connection has the id '{Sanitize(connectionId)}'.");

    public static ProblemHttpResult Disconnected(string connectionId) =>
        Create(StatusCodes.Status409Conflict, "connection-disconnected", $"Connection '{connectionId}' is disconnected; connect again to use it.");

    public static ProblemHttpResult Conflict() =>
        Create(StatusCodes.Status409Conflict, "concurrent-change", "The connection was changed concurrently; read it again and retry.");

    public static ProblemHttpResult Token(TokenValidation validation) => validation.Failure switch
    {
        TokenFailure.Rejected => Create(StatusCodes.Status422UnprocessableEntity, "token-rejected", "Token rejected by GitLab. " + validation.Error),
        TokenFailure.Unreachable => Create(StatusCodes.Status502BadGateway, "gitlab-unreachable", validation.Error ?? "GitLab could not be reached."),
        TokenFailure.Untrusted => Create(StatusCodes.Status422UnprocessableEntity, "gitlab-certificate-untrusted", validation.Error ?? "GitLab's TLS certificate is not trusted."),
        TokenFailure.InsufficientScope => Create(StatusCodes.Status422UnprocessableEntity, "insufficient-scope", validation.Error ?? "The token's scopes are insufficient."),
        _ => Create(StatusCodes.Status422UnprocessableEntity, "token-unusable", validation.Error ?? "The token cannot be used."),
    };

    /// <summary>Creating or repairing a hook needs <c>api</c>; the instructions say how to set the hook up by hand instead.</summary>
    public static ProblemHttpResult MissingApiScope(string connectionId) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "insufficient-scope",
            detail: $"Creating or repairing a webhook needs a token with the 'api' scope, which this connection's token lacks. Replace the token (PUT /api/connections/{connectionId}/token) or set the webhook up by hand as GET /api/connections/{connectionId}/instructions describes.",
            type: "about:blank",
            extensions: new Dictionary<string, object?>
            {
                ["reason"] = "insufficient-scope",
                ["missingScope"] = "api",
                ["instructions"] = $"/api/connections/{connectionId}/instructions",
            });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: "The request has invalid fields.",
            type: "about:blank",
            title: "invalid-request",
            extensions: new Dictionary<string, object?> { ["reason"] = "invalid-request" });

    /// <summary>Echoes a client's value in a message, cut to a readable length.</summary>
    public static string Shorten(string? value) =>
        value is null ? "(null)" : value.Length > 60 ? value[..60] + "…" : value;

    /// <summary>Ids come from the URL: echo them only when they look like ids.</summary>
    public static string Sanitize(string value) =>
        value.Length <= 64 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') ? value : "(invalid id)";
}
