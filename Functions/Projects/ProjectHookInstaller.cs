using GitLabConnector.GitLab;

namespace GitLabConnector.Projects;

/// <summary>
/// Creates the connector's hook on a project, or repairs the one delivering to its URL: URL, secret and events are sent
/// again, and a hook GitLab disabled is re-enabled with a test delivery.
/// </summary>
public sealed class ProjectHookInstaller(IGitLabApi gitLab, ILogger<ProjectHookInstaller> logger)
{
    private const int MaxHooks = 500;

    public async Task<(HookState Hook, bool Created)> InstallAsync(GitLabConnection connection, long projectId, GitLabHookRequest request, CancellationToken cancellationToken)
    {
        var hooks = await gitLab.ListHooksAsync(connection, GitLabHookOwner.Project, projectId, MaxHooks, cancellationToken).ConfigureAwait(false);
        if (hooks.Select(HookState.From).FirstOrDefault(h => h.DeliversTo(request.Url)) is not { } existing)
        {
            var created = await gitLab.CreateHookAsync(connection, GitLabHookOwner.Project, projectId, request, cancellationToken).ConfigureAwait(false);
            ProjectsLog.HookInstalled(logger, connection.ConnectionId, projectId, created.Id, "created");

            // A concurrent create made one too: every racer keeps the oldest and deletes the rest.
            var ours = (await gitLab.ListHooksAsync(connection, GitLabHookOwner.Project, projectId, MaxHooks, cancellationToken).ConfigureAwait(false))
                .Select(HookState.From).Where(h => h.DeliversTo(request.Url)).Select(h => h.Id).Append(created.Id).Distinct().Order().ToList();
            foreach (var extra in ours.Skip(1))
            {
                await gitLab.DeleteHookAsync(connection, GitLabHookOwner.Project, projectId, extra, cancellationToken).ConfigureAwait(false);
            }

            return (await GetAsync(connection, GitLabHookOwner.Project, projectId, ours[0], cancellationToken).ConfigureAwait(false), ours[0] == created.Id);
        }

        await gitLab.UpdateHookAsync(connection, GitLabHookOwner.Project, projectId, existing.Id, request, cancellationToken).ConfigureAwait(false);
        var repaired = await GetAsync(connection, GitLabHookOwner.Project, projectId, existing.Id, cancellationToken).ConfigureAwait(false);
        if (repaired.IsDisabled)
        {
            repaired = await ReEnableAsync(connection, GitLabHookOwner.Project, projectId, repaired, cancellationToken).ConfigureAwait(false);
        }

        ProjectsLog.HookInstalled(logger, connection.ConnectionId, projectId, existing.Id, repaired.IsDisabled ? "repaired, still disabled" : "repaired");
        return (repaired, false);
    }

    /// <summary>A test delivery GitLab answers 2xx re-enables a hook it disabled; when the test fails, the hook is returned as it was.</summary>
    public async Task<HookState> ReEnableAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, HookState hook, CancellationToken cancellationToken)
    {
        try
        {
            await gitLab.TestHookAsync(connection, owner, ownerId, hook.Id, hook.TestTrigger, cancellationToken).ConfigureAwait(false);
            var after = await GetAsync(connection, owner, ownerId, hook.Id, cancellationToken).ConfigureAwait(false);
            if (!after.IsDisabled)
            {
                ProjectsLog.ReEnabled(logger, connection.ConnectionId, ownerId, hook.Id);
            }

            return after;
        }
        catch (GitLabApiException e) when (e is not GitLabUnauthorizedException)
        {
            ProjectsLog.ReEnableFailed(logger, connection.ConnectionId, ownerId, hook.Id, e.Status);
            return hook;
        }
    }

    private async Task<HookState> GetAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, long hookId, CancellationToken cancellationToken) =>
        HookState.From(await gitLab.GetHookAsync(connection, owner, ownerId, hookId, cancellationToken).ConfigureAwait(false));
}
