using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.Secrets;
using GitLabConnector.Tokens;

namespace GitLabConnector.Admin;

/// <summary><c>POST /api/connections/{id}/test</c> and <c>PUT /api/connections/{id}/token</c>.</summary>
public sealed class ConnectionTokenHandler(
    IConnectionStore store,
    GitLabTokenValidator tokenValidator,
    ConnectionSecretWriter secretWriter,
    ISecretStore secrets,
    ConnectionUpdater updater,
    TimeProvider time,
    IServiceProvider services,
    ILogger<ConnectionTokenHandler> logger)
{
    /// <summary>Re-validates the stored (latest) token now. A refused or unreachable token is a result, not an HTTP error.</summary>
    public async Task<Results<Ok<ConnectionTestResult>, ProblemHttpResult>> TestAsync(string id, CancellationToken cancellationToken)
    {
        var record = await store.RequireActiveAsync(id, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var connection = await secretWriter.ReadGitLabConnectionAsync(record, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            AdminLog.Action(logger, "test", id, "no token stored");
            return TypedResults.Ok(new ConnectionTestResult(id, false, false, null, "No token is stored for this connection; replace it with PUT /api/connections/{id}/token.", null, null, [], now));
        }

        var v = await tokenValidator.ValidateAsync(connection, needsApiScope: record.Hooks.Count > 0, cancellationToken).ConfigureAwait(false);
        var reachable = v.Failure is not (TokenFailure.Unreachable or TokenFailure.Untrusted);
        int? daysLeft = v.Token?.ExpiresAt is { } expires ? expires.DayNumber - DateOnly.FromDateTime(now.UtcDateTime).DayNumber : null;
        var summary = v.Token is not null && v.User is not null ? ConnectionViews.Token(v) : null;
        var result = new ConnectionTestResult(id, v.IsValid, reachable, v.Latency?.TotalMilliseconds, v.Error, summary, daysLeft, v.Warnings, now);
        AdminLog.Action(logger, "test", id, v.IsValid ? "token ok" : "token " + v.Failure);
        if (reachable)
        {
            // A version an operator stored in the vault shows its state now rather than at the next monitor run.
            await RefreshTokenStatusAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(result);
    }

    public async Task<Results<Ok<TokenReplaced>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(string id, HttpRequest httpRequest, CancellationToken cancellationToken)
    {
        const string Action = "replace token";
        var request = await AdminRequestBody.ReadOrRejectAsync(httpRequest, AdminJsonContext.Default.ReplaceTokenRequest, cancellationToken).ConfigureAwait(false);
        var record = await store.RequireActiveAsync(id, cancellationToken).ConfigureAwait(false);
        if (ConnectRequestValidator.TokenError(request?.Token) is { } error)
        {
            AdminLog.Rejected(logger, Action, id, "invalid request");
            return AdminProblems.Invalid(new Dictionary<string, string[]> { ["token"] = [error] });
        }

        // Validated against this connection's GitLab URL: a token from another instance is refused there with 401.
        var connection = await secrets.GitLabConnectionAsync(record, request!.Token!, cancellationToken).ConfigureAwait(false);
        var validation = await tokenValidator.ValidateAsync(connection, needsApiScope: record.Hooks.Count > 0, cancellationToken).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            AdminLog.Rejected(logger, Action, id, "token " + validation.Failure);
            return AdminProblems.Token(validation);
        }

        var stored = await secretWriter.WriteTokenAsync(id, connection.Token, validation, cancellationToken).ConfigureAwait(false);
        await updater.UpdateAsync(record, Action, r => r with { Healthy = true, HealthReason = null }, cancellationToken).ConfigureAwait(false);
        await RefreshTokenStatusAsync(id, cancellationToken).ConfigureAwait(false);
        var redriven = services.GetService<IParkedEvents>() is { } parked
            ? await parked.RedriveAsync(id, cancellationToken).ConfigureAwait(false)
            : 0;
        AdminLog.TokenReplaced(logger, id, stored.Version, redriven);
        return TypedResults.Ok(new TokenReplaced(id, ConnectionViews.Token(validation), validation.Warnings, redriven));
    }

    // As a monitor run would, so the connection shows the token just validated now rather than after a schedule interval.
    private Task RefreshTokenStatusAsync(string id, CancellationToken cancellationToken) =>
        services.GetService<TokenMonitor>()?.CheckConnectionAsync(id, cancellationToken) ?? Task.CompletedTask;
}
