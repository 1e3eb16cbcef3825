using GitLabConnector.Connections;
using GitLabConnector.GitLab;

namespace GitLabConnector.Admin;

/// <summary>
/// <c>DELETE /api/connections/{id}</c>: deletes the hooks the connector created; when GitLab cannot be reached the
/// connection is still disconnected (webhooks then answer 404) and the hooks left are reported.
/// </summary>
public sealed class DisconnectHandler(IConnectionStore store, ConnectionSecretWriter secretWriter, ConnectionUpdater updater, IGitLabApi gitLab, ILogger<DisconnectHandler> logger)
{
    public async Task<Results<Ok<ConnectionDisconnected>, ProblemHttpResult>> DisconnectAsync(string id, CancellationToken cancellationToken)
    {
        var record = await store.RequireActiveAsync(id, cancellationToken).ConfigureAwait(false);
        var deleted = new List<HookView>();
        var notDeleted = new List<HookFailure>();
        var connection = record.Hooks.Count > 0 ? await secretWriter.ReadGitLabConnectionAsync(record, cancellationToken).ConfigureAwait(false) : null;
        foreach (var hook in record.Hooks)
        {
            if (connection is null)
            {
                notDeleted.Add(new HookFailure(hook.Owner, hook.OwnerId, hook.HookId, "no token stored; delete the webhook in GitLab by hand"));
                continue;
            }

            try
            {
                await gitLab.DeleteHookAsync(connection, ConnectionViews.Owner(hook), hook.OwnerId, hook.HookId, cancellationToken).ConfigureAwait(false);
                deleted.Add(ConnectionViews.Hook(hook));
                AdminLog.Hook(logger, id, "deleted", hook.Owner, hook.OwnerId, hook.HookId);
            }
            catch (GitLabApiException e) when (e.Status == 404)
            {
                deleted.Add(ConnectionViews.Hook(hook));
            }
            catch (GitLabApiException e)
            {
                AdminLog.HookFailed(logger, id, "delete", hook.Owner, hook.OwnerId, hook.HookId, e.Status);
                var reason = e.Status == 0 || e.IsTransient ? "GitLab unreachable" : $"GitLab answered {e.Status}";
                notDeleted.Add(new HookFailure(hook.Owner, hook.OwnerId, hook.HookId, reason + "; delete the webhook in GitLab by hand"));
            }
        }

        var stillInGitLab = (CreatedHook h) => notDeleted.Any(f => f.HookId == h.HookId && f.OwnerId == h.OwnerId);
        await updater.UpdateAsync(record, "disconnect", r => r with { Status = ConnectionStatus.Disconnected, Hooks = [.. r.Hooks.Where(stillInGitLab)] }, cancellationToken).ConfigureAwait(false);
        await secretWriter.DeleteAllAsync(id, cancellationToken).ConfigureAwait(false);
        AdminLog.Disconnected(logger, id, deleted.Count, notDeleted.Count);
        return TypedResults.Ok(new ConnectionDisconnected(id, ConnectionViews.Status(ConnectionStatus.Disconnected), deleted, notDeleted));
    }
}
