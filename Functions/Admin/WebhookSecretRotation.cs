using GitLabConnector.Connections;
using GitLabConnector.GitLab;

namespace GitLabConnector.Admin;

/// <summary>
/// <c>POST /api/connections/{id}/webhook-secret/rotate</c>: a new webhook secret (and signing token when signing is on)
/// becomes current; the previous one stays accepted until now + <see cref="AdminOptions.SecretOverlap"/>, long
/// enough to update hooks by hand. Hooks the connector created are updated with the new secret right away. The record is
/// updated before the hooks so a delivery signed with the new secret is never refused.
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
        var (record, problem) = await store.GetActiveAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return problem!;
        }

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
        if (record.Hooks.Count > 0)
        {
            var connection = await secretWriter.ReadGitLabConnectionAsync(record, cancellationToken).ConfigureAwait(false);
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
        }

        return TypedResults.Ok(new SecretRotated(id, secret, signingToken, overlapEnd, updated, failed));
    }
}
