using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.Sync;

namespace GitLabConnector.Admin;

/// <summary><c>POST /api/connections/{id}/sync</c> ("fetch now") and <c>GET /api/connections/{id}/sync/{syncId}</c> (progress).</summary>
public sealed class SyncHandler(IConnectionStore store, SyncStarter starter, SyncRunStore runs, SyncPageStore pages, TimeProvider time, ILogger<SyncHandler> logger)
{
    public async Task<Results<Accepted<SyncStarted>, ProblemHttpResult, ValidationProblem>> StartAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        await store.RequireActiveAsync(id, cancellationToken).ConfigureAwait(false);
        var body = await AdminRequestBody.ReadOrRejectAsync(request, AdminJsonContext.Default.SyncRequest, cancellationToken).ConfigureAwait(false);
        var errors = Validate(body, out var since);
        if (errors.Count > 0)
        {
            SyncLog.Refused(logger, id, string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}")));
            return AdminProblems.Invalid(errors);
        }

        var start = await starter.StartAsync(id, since, body?.Projects?.Distinct().ToList(), body?.Kinds?.Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        if (start.Run is not { } run)
        {
            SyncLog.Refused(logger, id, $"sync {start.RunningSyncId} still runs");
            return AdminProblems.Create(StatusCodes.Status409Conflict, "sync-running", $"Sync '{start.RunningSyncId}' of connection '{id}' is still running; follow it at /api/connections/{id}/sync/{start.RunningSyncId}.");
        }

        return TypedResults.Accepted($"/api/connections/{id}/sync/{run.SyncId}", new SyncStarted(run.SyncId, run.Status, run.Since));
    }

    public async Task<Results<Ok<SyncStatus>, ProblemHttpResult>> GetAsync(string id, string syncId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return AdminProblems.NotFound(id);
        }

        if (!Webhooks.EventIdentity.IsSafeId(syncId) || await runs.GetAsync(id, syncId, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return AdminProblems.Create(StatusCodes.Status404NotFound, "unknown-sync", $"Connection '{id}' has no sync '{AdminProblems.Sanitize(syncId)}'.");
        }

        var counts = await pages.CountsAsync(run.SyncId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new SyncStatus(run.SyncId, run.ConnectionId, run.Status, run.Since, run.Kinds, run.Projects, counts, run.StartedAt, run.FinishedAt, run.Error));
    }

    private Dictionary<string, string[]> Validate(SyncRequest? body, out DateTimeOffset? since)
    {
        var errors = new Dictionary<string, string[]>();
        since = null;
        if (body?.Since is { } text)
        {
            if (!GitLabTimestamp.TryParse(text, out var parsed))
            {
                errors["since"] = ["must be an ISO-8601 date and time, e.g. 2026-11-01T00:00:00Z"];
            }
            else if (parsed > time.GetUtcNow())
            {
                errors["since"] = ["must not be in the future"];
            }
            else
            {
                since = parsed;
            }
        }

        if (body?.Kinds is { } kinds && (kinds.Count == 0 || kinds.Any(k => !SyncKinds.All.Contains(k))))
        {
            errors["kinds"] = [$"must list one or more of {string.Join(", ", SyncKinds.All)}"];
        }

        if (body?.Projects is { } projects && (projects.Count == 0 || projects.Any(p => p <= 0)))
        {
            errors["projects"] = ["must list one or more positive GitLab project ids"];
        }

        return errors;
    }
}
