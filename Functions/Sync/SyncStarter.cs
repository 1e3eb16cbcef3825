namespace GitLabConnector.Sync;

/// <summary>
/// Starts a sync of a connection unless one is still active (one stalled is failed and replaced): from <c>since</c>, else the
/// connection's watermark, else <see cref="SyncOptions.DefaultLookback"/> ago. The first page is sent before the run is
/// recorded: a crash in between leaves a message for no run (dropped after its retries), never a run that waits forever.
/// </summary>
public sealed class SyncStarter(SyncRunStore runs, SyncQueue queue, IOptions<SyncOptions> options, TimeProvider time, ILogger<SyncStarter> logger)
{
    public async Task<SyncStart> StartAsync(string connectionId, DateTimeOffset? since, IReadOnlyList<long>? projects, IReadOnlyList<string>? kinds, CancellationToken cancellationToken)
    {
        var (currentId, watermark, etag) = await runs.GetCurrentAsync(connectionId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (currentId is not null && await runs.GetAsync(connectionId, currentId, cancellationToken).ConfigureAwait(false) is { IsActive: true } current)
        {
            if (now - current.LastMovedAt < options.Value.StallAfter)
            {
                return new SyncStart(null, currentId);
            }

            await FailStalledAsync(current, now, cancellationToken).ConfigureAwait(false);
        }

        var run = new SyncRun(Guid.NewGuid().ToString("N"), connectionId, SyncRun.Queued, since ?? watermark ?? now - options.Value.DefaultLookback, now, kinds ?? SyncKinds.All, projects);
        await queue.SendAsync(new SyncPageMessage(run.SyncId, connectionId, SyncKinds.Projects, 0, 1, null, null), cancellationToken).ConfigureAwait(false);
        if (!await runs.TryStartAsync(run, watermark, etag, cancellationToken).ConfigureAwait(false))
        {
            return new SyncStart(null, (await runs.GetCurrentAsync(connectionId, cancellationToken).ConfigureAwait(false)).SyncId);
        }

        SyncLog.Started(logger, run.SyncId, connectionId, run.Since);
        return new SyncStart(run, null);
    }

    private async Task FailStalledAsync(SyncRun run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var error = string.Create(CultureInfo.InvariantCulture, $"stalled: no page finished for {(int)(now - run.LastMovedAt).TotalMinutes} minutes (since {run.LastMovedAt:O})");
        await runs.SaveAsync(run with { Status = SyncRun.Failed, FinishedAt = now, Error = error }, cancellationToken).ConfigureAwait(false);
        SyncLog.Stalled(logger, run.SyncId, run.ConnectionId, run.LastMovedAt);
    }
}

/// <param name="Run">Null when <paramref name="RunningSyncId"/> is still going.</param>
public sealed record SyncStart(SyncRun? Run, string? RunningSyncId);
