using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Secrets;
using GitLabConnector.Sync;

namespace GitLabConnector.Projects;

/// <summary>
/// The <c>sync</c> timer's check of the hooks a connection created: a hook GitLab disabled raises one alert per disable
/// episode (remembered until the hook is seen enabled again) and, with an <c>api</c> token, is re-enabled with a test
/// delivery; with GitLab 17.4+ and an <c>api</c> token, failed deliveries of the last 2 days are resent.
/// </summary>
public sealed class HookCheck(
    IGitLabApi gitLab, ISecretStore secrets, IConnectionStore connections, HookCheckStore store, HookAlertPublisher alerts, FailedDeliveryResender resender,
    ProjectHookInstaller installer, ILogger<HookCheck> logger)
    : IScheduledConnectionCheck
{
    private static readonly Version ResendSince = new(17, 4);

    public async Task RunAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        if (connection.Hooks.Count == 0)
        {
            return;
        }

        if ((await secrets.GetAsync(SecretNames.Token(connection.Id), null, cancellationToken).ConfigureAwait(false))?.Value is not { } token)
        {
            ProjectsLog.CheckSkipped(logger, connection.Id, "no token stored");
            return;
        }

        GitLabConnection gitLabConnection;
        bool canManage, canResend;
        try
        {
            gitLabConnection = await secrets.GitLabConnectionAsync(connection, token, cancellationToken).ConfigureAwait(false);
            canManage = (await gitLab.GetTokenSelfAsync(gitLabConnection, cancellationToken).ConfigureAwait(false)).Scopes.Contains("api", StringComparer.Ordinal);
            canResend = canManage && await SupportsResendAsync(gitLabConnection, cancellationToken).ConfigureAwait(false);
        }
        catch (GitLabApiException e)
        {
            ProjectsLog.CheckSkipped(logger, connection.Id, $"GitLab answered {e.Status}");
            return;
        }

        if (!canManage)
        {
            ProjectsLog.HookRepairSkipped(logger, connection.Id, "the token lacks the api scope");
        }
        else if (!canResend)
        {
            ProjectsLog.HookRepairSkipped(logger, connection.Id, "GitLab is older than 17.4, which has no resend API (failed deliveries are not resent; disabled hooks are still re-enabled)");
        }

        // Resends wait 12 s each: at most MaxPerRun for the whole connection keeps a run of the timer short.
        var allowance = canResend ? FailedDeliveryResender.MaxPerRun : 0;
        var gone = new List<CreatedHook>();
        foreach (var hook in connection.Hooks)
        {
            try
            {
                if (await CheckAsync(gitLabConnection, hook, canManage, allowance, cancellationToken).ConfigureAwait(false) is { } resent)
                {
                    allowance -= resent;
                }
                else
                {
                    gone.Add(hook);
                }
            }
            catch (GitLabUnauthorizedException)
            {
                ProjectsLog.CheckSkipped(logger, connection.Id, "GitLab refused the token (401)");
                return;
            }
            catch (GitLabApiException e)
            {
                ProjectsLog.HookCheckFailed(logger, connection.Id, hook.OwnerId, hook.HookId, e.Status);
            }
        }

        await ForgetAsync(connection, gone, cancellationToken).ConfigureAwait(false);
    }

    // A hook deleted in GitLab leaves the record, or every run would log it again; a concurrent change retries next run.
    private async Task ForgetAsync(ConnectionRecord connection, List<CreatedHook> gone, CancellationToken cancellationToken)
    {
        if (gone.Count > 0)
        {
            try
            {
                await connections.UpdateAsync(connection with { Hooks = [.. connection.Hooks.Except(gone)] }, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectionConflictException)
            {
                ProjectsLog.CheckSkipped(logger, connection.Id, "the connection changed concurrently; gone hooks are forgotten next run");
            }
        }
    }

    /// <returns>How many deliveries were resent; null when the hook is gone from GitLab.</returns>
    private async Task<int?> CheckAsync(GitLabConnection connection, CreatedHook created, bool canManage, int allowance, CancellationToken cancellationToken)
    {
        var owner = string.Equals(created.Owner, "group", StringComparison.OrdinalIgnoreCase) ? GitLabHookOwner.Group : GitLabHookOwner.Project;
        HookState hook;
        try
        {
            hook = HookState.From(await gitLab.GetHookAsync(connection, owner, created.OwnerId, created.HookId, cancellationToken).ConfigureAwait(false));
        }
        catch (GitLabApiException e) when (e.Status == 404)
        {
            ProjectsLog.HookGone(logger, connection.ConnectionId, created.OwnerId, created.HookId);
            return null;
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"{created.Owner}-{created.OwnerId}-{created.HookId}");
        var state = await store.GetAsync(connection.ConnectionId, key, cancellationToken).ConfigureAwait(false);
        var remembered = state;
        if (hook.IsDisabled && !state.Alerted)
        {
            await alerts.PublishAsync(connection.ConnectionId, created.Owner, created.OwnerId, hook, canManage, cancellationToken).ConfigureAwait(false);
            state = state with { Alerted = true };
        }

        if (hook.IsDisabled && canManage)
        {
            hook = await installer.ReEnableAsync(connection, owner, created.OwnerId, hook, cancellationToken).ConfigureAwait(false);
        }

        var resent = 0;
        if (!hook.IsDisabled)
        {
            // The episode is over: the next time GitLab disables the hook is a new one, alerted again.
            state = state with { Alerted = false };
            if (allowance > 0)
            {
                (state, resent) = await resender.ResendAsync(connection, owner, created.OwnerId, hook, state, allowance, cancellationToken).ConfigureAwait(false);
            }
        }

        if (state != remembered)
        {
            await store.SaveAsync(connection.ConnectionId, key, state, cancellationToken).ConfigureAwait(false);
        }

        return resent;
    }

    private async Task<bool> SupportsResendAsync(GitLabConnection connection, CancellationToken cancellationToken)
    {
        var version = await gitLab.GetVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        var numeric = new string([.. version.TakeWhile(c => char.IsDigit(c) || c == '.')]);
        return Version.TryParse(numeric, out var parsed) && parsed >= ResendSince;
    }
}
