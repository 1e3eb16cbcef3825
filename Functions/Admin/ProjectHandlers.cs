using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using GitLabConnector.Projects;
using GitLabConnector.Secrets;

namespace GitLabConnector.Admin;

/// <summary>
/// <c>GET /api/connections/{id}/projects</c> ("which repositories are connected") and <c>POST …/projects/{projectId}/hook</c>
/// (create or repair the connector's hook, recorded on the connection so that disconnecting deletes it).
/// </summary>
public sealed class ProjectHandlers(
    IConnectionStore store,
    ConnectionSecretWriter secretWriter,
    ConnectionUpdater updater,
    ISecretStore secrets,
    IGitLabApi gitLab,
    ProjectListing listing,
    ProjectHookInstaller installer,
    ProjectActivity activity,
    WebhookUrls urls,
    ILogger<ProjectHandlers> logger)
{
    public async Task<Results<Ok<ProjectPage>, ProblemHttpResult>> ListAsync(string id, string? page, string? search, CancellationToken cancellationToken)
    {
        var number = 1;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > ProjectListing.MaxPage))
        {
            AdminLog.Rejected(logger, "list projects", id, "invalid page");
            return AdminProblems.Create(StatusCodes.Status400BadRequest, "invalid-page", $"page is a whole number from 1 to {ProjectListing.MaxPage}.");
        }

        var (_, connection) = await RequireGitLabConnectionAsync(id, "list projects", cancellationToken).ConfigureAwait(false);
        try
        {
            var lastEvents = await activity.LastEventsAsync(id, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(await listing.ListAsync(connection, urls.For(id), search, number, lastEvents, cancellationToken).ConfigureAwait(false));
        }
        catch (GitLabApiException e)
        {
            return GitLabFailed(id, "list projects", e, e.Status == 403
                ? AdminProblems.Create(StatusCodes.Status422UnprocessableEntity, "insufficient-scope", $"GitLab refused to list the token's projects: {e.Message}. The token needs the read_api or api scope.")
                : null);
        }
    }

    public async Task<Results<Created<ProjectHookInstalled>, Ok<ProjectHookInstalled>, ProblemHttpResult>> InstallHookAsync(string id, long projectId, CancellationToken cancellationToken)
    {
        const string Action = "create or repair hook";
        var (record, connection) = await RequireGitLabConnectionAsync(id, Action, cancellationToken).ConfigureAwait(false);
        try
        {
            var scopes = (await gitLab.GetTokenSelfAsync(connection, cancellationToken).ConfigureAwait(false)).Scopes;
            if (!scopes.Contains("api", StringComparer.Ordinal))
            {
                AdminLog.Rejected(logger, Action, id, "the token lacks the api scope");
                return AdminProblems.MissingApiScope(id);
            }

            var webhookUrl = urls.For(id);
            var secret = await secrets.GetAsync(SecretNames.WebhookSecret(id), record.WebhookSecretVersion, cancellationToken).ConfigureAwait(false);
            var signing = record.SigningSecretVersion is { } version ? await secrets.GetAsync(SecretNames.SigningSecret(id), version, cancellationToken).ConfigureAwait(false) : null;
            if (secret is null)
            {
                return AdminProblems.Create(StatusCodes.Status409Conflict, "no-webhook-secret", $"Connection '{id}' has no webhook secret; rotate it with POST /api/connections/{id}/webhook-secret/rotate.");
            }

            var request = new GitLabHookRequest(webhookUrl, secret.Value, signing?.Value, WebhookTriggers.Flags(record.Events, GitLabHookOwner.Project));
            var (hook, created) = await installer.InstallAsync(connection, projectId, request, cancellationToken).ConfigureAwait(false);
            if (!record.Hooks.Where(h => IsOn(h, projectId)).Select(h => h.HookId).SequenceEqual([hook.Id])
                && !await RecordAsync(record, connection, projectId, hook.Id, created, cancellationToken).ConfigureAwait(false))
            {
                return AdminProblems.Disconnected(id);
            }

            AdminLog.Hook(logger, id, created ? "created" : "repaired", "project", projectId, hook.Id);
            var body = new ProjectHookInstalled(projectId, webhookUrl.ToString(), ProjectHookView.Of(hook));
            return created ? TypedResults.Created($"/api/connections/{id}/projects/{projectId}/hook", body) : TypedResults.Ok(body);
        }
        catch (GitLabApiException e)
        {
            AdminLog.HookFailed(logger, id, Action, "project", projectId, 0, e.Status);
            return GitLabFailed(id, Action, e, e.Status switch
            {
                404 => AdminProblems.Create(StatusCodes.Status404NotFound, "project-not-found", $"GitLab has no project {projectId} this token can see."),
                403 => AdminProblems.Create(StatusCodes.Status422UnprocessableEntity, "hook-create-failed", $"GitLab refused to change the webhooks of project {projectId}: the token's user needs the Maintainer role there."),
                _ => AdminProblems.Create(StatusCodes.Status422UnprocessableEntity, "hook-create-failed", $"GitLab refused the webhook of project {projectId}: {e.Message}"),
            });
        }
    }

    // Replaces the project's entry (a hook deleted in GitLab leaves none behind), so re-applying after a concurrent change
    // records it once. A connection disconnected meanwhile (false) records nothing: a hook just created is deleted again.
    private async Task<bool> RecordAsync(ConnectionRecord record, GitLabConnection connection, long projectId, long hookId, bool created, CancellationToken cancellationToken)
    {
        var active = true;
        await updater.UpdateAsync(
            record,
            "record hook",
            r => (active = r.Status == ConnectionStatus.Active) ? r with { Hooks = [.. r.Hooks.Where(h => !IsOn(h, projectId)), new CreatedHook("project", projectId, hookId)] } : r,
            cancellationToken).ConfigureAwait(false);
        if (!active && created)
        {
            await gitLab.DeleteHookAsync(connection, GitLabHookOwner.Project, projectId, hookId, CancellationToken.None).ConfigureAwait(false);
        }

        return active;
    }

    private static bool IsOn(CreatedHook hook, long projectId) => hook.OwnerId == projectId && ConnectionViews.Owner(hook) == GitLabHookOwner.Project;

    /// <summary>An active connection with a stored token; throws <see cref="AdminProblemException"/> (answered by <see cref="AdminDependencyFilter"/>) otherwise.</summary>
    private async Task<(ConnectionRecord Record, GitLabConnection Connection)> RequireGitLabConnectionAsync(string id, string action, CancellationToken cancellationToken)
    {
        var record = await store.RequireActiveAsync(id, cancellationToken).ConfigureAwait(false);
        if (await secretWriter.ReadGitLabConnectionAsync(record, cancellationToken).ConfigureAwait(false) is not { } connection)
        {
            AdminLog.Rejected(logger, action, id, "no token stored");
            throw new AdminProblemException(AdminProblems.Create(StatusCodes.Status409Conflict, "no-token", $"Connection '{id}' has no GitLab token; store one with PUT /api/connections/{id}/token."));
        }

        return (record, connection);
    }

    // refused answers a non-transient refusal (4xx other than 401); without it that is a 502 too.
    private ProblemHttpResult GitLabFailed(string id, string action, GitLabApiException e, ProblemHttpResult? refused)
    {
        AdminLog.Rejected(logger, action, id, $"GitLab answered {e.Status}");
        return e switch
        {
            GitLabUnauthorizedException => AdminProblems.Create(StatusCodes.Status422UnprocessableEntity, "token-rejected", $"GitLab refused the connection's token (401); replace it with PUT /api/connections/{id}/token."),
            GitLabUntrustedCertificateException => AdminProblems.Create(StatusCodes.Status422UnprocessableEntity, "gitlab-certificate-untrusted", e.Message),
            { IsTransient: false, Status: >= 400 } when refused is not null => refused,
            _ => AdminProblems.Create(StatusCodes.Status502BadGateway, "gitlab-unreachable", $"GitLab could not be reached or answered {e.Status}."),
        };
    }
}
