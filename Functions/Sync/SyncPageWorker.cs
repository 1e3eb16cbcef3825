using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;

namespace GitLabConnector.Sync;

/// <summary>
/// A projects page sends a page per project and kind; a kind's page publishes what changed since the sync's <c>since</c>.
/// GitLab calls are background calls on the connection's budget (webhook events go first). A project gone (404) or
/// forbidden (403) is skipped and counted; a page that keeps failing fails the sync.
/// </summary>
public sealed class SyncPageWorker(
    SyncRunStore runs,
    SyncPageStore pages,
    SyncQueue queue,
    IConnectionStore connections,
    ISecretStore secrets,
    IGitLabApi gitLab,
    SyncChangePublisher publisher,
    IOptions<QueueOptions> queueOptions,
    IOptions<EnrichmentOptions> enrichmentOptions,
    TimeProvider time,
    ILogger<SyncPageWorker> logger)
{
    private readonly TimeSpan _claimLease = enrichmentOptions.Value.ClaimLease;

    public async Task ProcessAsync(string messageId, string text, long dequeueCount, CancellationToken cancellationToken)
    {
        if (Read(text) is not { } message)
        {
            SyncLog.Malformed(logger, messageId);
            return;
        }

        var lastAttempt = dequeueCount >= queueOptions.Value.MaxDequeueCount;
        var run = await runs.GetAsync(message.ConnectionId, message.SyncId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            // Sent just before its run was recorded (look again), or by a start that lost a race or crashed.
            SyncLog.NoRun(logger, message.SyncId, message.ConnectionId, lastAttempt);
            if (!lastAttempt)
            {
                throw new InvalidOperationException($"sync {message.SyncId} is not recorded yet");
            }

            return;
        }

        if (!run.IsActive || await pages.IsDoneAsync(run.SyncId, message.PageKey, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var connection = await connections.GetAsync(run.ConnectionId, cancellationToken).ConfigureAwait(false);
        var token = connection?.Status == ConnectionStatus.Active ? await secrets.GetAsync(SecretNames.Token(run.ConnectionId), null, cancellationToken).ConfigureAwait(false) : null;
        if (connection is null || token is null)
        {
            await FailAsync(run, connection?.Status == ConnectionStatus.Active ? "no GitLab token is stored for the connection" : "the connection was disconnected", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (run.Status == SyncRun.Queued)
        {
            run = run with { Status = SyncRun.Running, StartedAt = time.GetUtcNow() };
            await runs.SaveAsync(run, cancellationToken).ConfigureAwait(false);
        }

        var api = await secrets.GitLabConnectionAsync(connection, token.Value, cancellationToken).ConfigureAwait(false) with { Background = true };
        SyncPageCounts? counts;
        try
        {
            counts = message.Kind == SyncKinds.Projects
                ? await ProjectsAsync(run, message, api, cancellationToken).ConfigureAwait(false)
                : await ItemsAsync(run, message, api, messageId, dequeueCount, cancellationToken).ConfigureAwait(false);
        }
        catch (GitLabUnauthorizedException)
        {
            await FailAsync(run, "GitLab refused the token (401)", cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (GitLabApiException e) when (e.IsGoneOrForbidden && message.Kind != SyncKinds.Projects)
        {
            SyncLog.ProjectSkipped(logger, run.SyncId, message.ProjectId, message.Kind, e.Status);
            counts = new SyncPageCounts(message.Kind, 0, 0, 0, 0, [message.ProjectId]);
        }
        catch (Exception e) when (lastAttempt && !cancellationToken.IsCancellationRequested)
        {
            await FailAsync(run, $"page {message.PageKey} failed {dequeueCount} times; last: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (counts is null)
        {
            return;
        }

        await pages.CompleteAsync(run.SyncId, message.PageKey, counts, cancellationToken).ConfigureAwait(false);
        await runs.RecordProgressAsync(run.ConnectionId, run.SyncId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (!await pages.AnyPendingAsync(run.SyncId, cancellationToken).ConfigureAwait(false))
        {
            await FinishAsync(run, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SyncPageCounts> ProjectsAsync(SyncRun run, SyncPageMessage message, GitLabConnection api, CancellationToken cancellationToken)
    {
        var found = new List<SyncProject>();
        var skipped = new List<long>();
        int? next = null;
        if (run.Projects is { } ids)
        {
            foreach (var id in ids)
            {
                try
                {
                    found.Add(Project(await gitLab.GetProjectAsync(api, id, cancellationToken).ConfigureAwait(false)));
                }
                catch (GitLabApiException e) when (e.IsGoneOrForbidden && e is not GitLabUnauthorizedException)
                {
                    SyncLog.ProjectSkipped(logger, run.SyncId, id, SyncKinds.Projects, e.Status);
                    skipped.Add(id);
                }
            }
        }
        else
        {
            var page = await gitLab.GetPageAsync(api, "projects?membership=true&simple=true&order_by=id&sort=asc", message.Page, cancellationToken).ConfigureAwait(false);
            found.AddRange(page.Items.Select(Project));
            next = page.NextPage;
        }

        foreach (var project in found)
        {
            foreach (var kind in run.Kinds)
            {
                await queue.SendAsync(new SyncPageMessage(run.SyncId, run.ConnectionId, kind, project.Id, 1, project.Path, project.WebUrl), cancellationToken).ConfigureAwait(false);
            }
        }

        if (next is { } nextPage)
        {
            await queue.SendAsync(message with { Page = nextPage }, cancellationToken).ConfigureAwait(false);
        }

        return new SyncPageCounts(SyncKinds.Projects, found.Count, 0, 0, 0, skipped);
    }

    /// <returns>Null when another worker holds an item's claim: the page is worked again once that has lapsed, so each item is
    /// counted by the worker that published it.</returns>
    private async Task<SyncPageCounts?> ItemsAsync(SyncRun run, SyncPageMessage message, GitLabConnection api, string messageId, long dequeueCount, CancellationToken cancellationToken)
    {
        var project = new SyncProject(message.ProjectId, message.ProjectPath, message.ProjectWebUrl);
        var page = await gitLab.GetPageAsync(api, SyncKinds.ListResource(message.Kind, project.Id, run.Since), message.Page, cancellationToken).ConfigureAwait(false);
        if (page.NextPage is { } next)
        {
            await queue.SendAsync(message with { Page = next }, cancellationToken).ConfigureAwait(false);
        }

        var (published, known, deferred) = (0, 0, 0);
        foreach (var listed in page.Items)
        {
            var item = listed;
            if (message.Kind == SyncKinds.Pipeline && listed.Long("id") is { } pipelineId)
            {
                // The list's pipeline lacks duration, queued duration and user: the full one has what a webhook carries.
                item = await gitLab.GetPipelineAsync(api, project.Id, pipelineId, cancellationToken).ConfigureAwait(false);
            }

            switch (await publisher.PublishAsync(run, message.Kind, SyncPayload.Shape(message.Kind, item, project), messageId, dequeueCount, cancellationToken).ConfigureAwait(false))
            {
                case "enriched" or "partial" or "redelivered":
                    published++;
                    break;
                case "duplicate" or "superseded":
                    known++;
                    break;
                case "deferred":
                    deferred++;
                    break;
            }
        }

        if (deferred > 0)
        {
            SyncLog.PageDeferred(logger, run.SyncId, message.PageKey, deferred);
            await queue.SendLaterAsync(message, _claimLease + TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            return null;
        }

        return new SyncPageCounts(message.Kind, 0, page.Items.Count, published, known, []);
    }

    private async Task FinishAsync(SyncRun run, CancellationToken cancellationToken)
    {
        if (!await runs.TryEndAsync(run with { Status = SyncRun.Done, FinishedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (run.IsFull)
        {
            await runs.SetWatermarkAsync(run.ConnectionId, run.RequestedAt, cancellationToken).ConfigureAwait(false);
        }

        SyncLog.Finished(logger, run.SyncId, run.ConnectionId);
    }

    private async Task FailAsync(SyncRun run, string error, CancellationToken cancellationToken)
    {
        if (await runs.TryEndAsync(run with { Status = SyncRun.Failed, FinishedAt = time.GetUtcNow(), Error = error }, cancellationToken).ConfigureAwait(false))
        {
            SyncLog.Failed(logger, run.SyncId, run.ConnectionId, error);
        }
    }

    private static SyncProject Project(JsonElement project) =>
        new(project.Long("id") ?? 0, project.String("path_with_namespace"), project.String("web_url"));

    private static SyncPageMessage? Read(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, SyncJsonContext.Default.SyncPageMessage);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
