using GitLabConnector.Connections;
using GitLabConnector.GitLab;

namespace GitLabConnector.Admin;

/// <summary>
/// <c>POST /api/connections/{id}/webhook-secret/rotate</c>: the previous secret stays accepted for
/// <see cref="AdminOptions.SecretOverlap"/>, long enough to update hooks by hand. The record is updated before the
/// connector's own hooks so a delivery signed with the new secret is never refused.
/// </summary>
public sealed class WebhookSecretRotation(
    IConnectionStore store,
    ConnectionSecretWriter secretWriter,
    ConnectionUpdater updater,
    IGitLabApi gitLab,
    WebhookUrls urls,
    TimeProvider time,
    IOptions<AdminOptions> options,
    ILogger<WebhookSecretRotation> logger)
{
    public async Task<Results<Ok<SecretRotated>, ProblemHttpResult>> RotateAsync(string id, CancellationToken cancellationToken)
    {
        var record = await store.RequireActiveAsync(id, cancellationToken).ConfigureAwait(false);
        var (secret, signingToken, secretVersion, signingVersion) = await secretWriter.WriteNewWebhookSecretsAsync(id, record.Signing, cancellationToken).ConfigureAwait(false);
        var overlapEnd = time.GetUtcNow() + options.Value.SecretOverlap;

        record = await updater.UpdateAsync(
            record,
            "rotate webhook secret",
            r => r with
            {
                PreviousWebhookSecretVersion = r.WebhookSecretVersion,
                WebhookSecretVersion = secretVersion,
                PreviousSigningSecretVersion = signingVersion is null ? r.PreviousSigningSecretVersion : r.SigningSecretVersion,
                SigningSecretVersion = signingVersion ?? r.SigningSecretVersion,
                PreviousSecretValidUntil = overlapEnd,
            },
            cancellationToken).ConfigureAwait(false);
        AdminLog.SecretRotated(logger, id, overlapEnd);

        var updated = new List<HookView>();
        var failed = new List<HookFailure>();
        var connection = record.Hooks.Count > 0 ? await secretWriter.ReadGitLabConnectionAsync(record, cancellationToken).ConfigureAwait(false) : null;
        foreach (var hook in record.Hooks)
        {
            if (connection is null)
            {
                failed.Add(new HookFailure(hook.Owner, hook.OwnerId, hook.HookId, "no token stored"));
                continue;
            }

            var owner = ConnectionViews.Owner(hook);
            var request = new GitLabHookRequest(urls.For(id), secret, signingToken, WebhookTriggers.Flags(record.Events, owner), EnableSslVerification: true);
            try
            {
                await gitLab.UpdateHookAsync(connection, owner, hook.OwnerId, hook.HookId, request, cancellationToken).ConfigureAwait(false);
                updated.Add(ConnectionViews.Hook(hook));
                AdminLog.Hook(logger, id, "updated secret of", hook.Owner, hook.OwnerId, hook.HookId);
            }
            catch (GitLabApiException e)
            {
                AdminLog.HookFailed(logger, id, "update", hook.Owner, hook.OwnerId, hook.HookId, e.Status);
                failed.Add(new HookFailure(hook.Owner, hook.OwnerId, hook.HookId, e.Status == 0 ? "GitLab unreachable" : $"GitLab answered {e.Status}"));
            }
        }

        return TypedResults.Ok(new SecretRotated(id, secret, signingToken, overlapEnd, updated, failed));
    }
}
