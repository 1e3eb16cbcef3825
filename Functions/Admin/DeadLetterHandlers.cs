using GitLabConnector.Enrichment;

namespace GitLabConnector.Admin;

/// <summary><c>GET /api/deadletter?connectionId=</c> and <c>POST /api/deadletter/replay</c>.</summary>
public sealed class DeadLetterHandlers(IServiceProvider services, ILogger<DeadLetterHandlers> logger)
{
    public const int DefaultMax = 100;
    public const int MaxMax = 1000;

    public async Task<Results<Ok<DeadLetterList>, ProblemHttpResult>> ListAsync(string? connectionId, int? max, CancellationToken cancellationToken)
    {
        var items = await RequireDeadLetters().ListAsync(Normalize(connectionId), Math.Clamp(max ?? DefaultMax, 1, MaxMax), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new DeadLetterList(items));
    }

    public async Task<Results<Ok<DeadLettersReplayed>, ProblemHttpResult>> ReplayAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var deadLetters = RequireDeadLetters();
        var replay = await AdminRequestBody.ReadOrRejectAsync(request, AdminJsonContext.Default.ReplayRequest, "The body must be JSON: { \"connectionId\"?: \"…\" }.", cancellationToken).ConfigureAwait(false);
        var connectionId = Normalize(replay?.ConnectionId);
        var replayed = await deadLetters.ReplayAsync(connectionId, cancellationToken).ConfigureAwait(false);
        AdminLog.DeadLettersReplayed(logger, connectionId ?? "all connections", replayed);
        return TypedResults.Ok(new DeadLettersReplayed(connectionId, replayed));
    }

    private static string? Normalize(string? connectionId) => string.IsNullOrWhiteSpace(connectionId) ? null : connectionId.Trim();

    /// <summary>Throws <see cref="AdminProblemException"/> (answered by <see cref="AdminDependencyFilter"/> as the problem it carries).</summary>
    private IDeadLetters RequireDeadLetters() => services.GetService<IDeadLetters>()
        ?? throw new AdminProblemException(AdminProblems.Create(StatusCodes.Status503ServiceUnavailable, "dead-letters-unavailable", "Dead-letter handling is not available in this build."));
}
