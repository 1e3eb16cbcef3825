using GitLabConnector.Connections;
using GitLabConnector.GitLab;

namespace GitLabConnector.Admin;

/// <summary><c>POST /api/connections</c>: validate, store secrets, optionally create hooks, register the connection.</summary>
public sealed class ConnectHandler(
    GitLabUrlValidator urlValidator,
    GitLabTokenValidator tokenValidator,
    ConnectionSecretWriter secretWriter,
    IConnectionStore store,
    ConnectionCache cache,
    IGitLabApi gitLab,
    WebhookUrls urls,
    TimeProvider time,
    ILogger<ConnectHandler> logger)
{
    private const string Action = "connect";

    public async Task<Results<Created<ConnectionCreated>, ValidationProblem, ProblemHttpResult>> ConnectAsync(HttpRequest httpRequest, CancellationToken cancellationToken)
    {
        var request = await AdminRequestBody.ReadOrRejectAsync(httpRequest, AdminJsonContext.Default.ConnectRequest, cancellationToken).ConfigureAwait(false);
        var input = ConnectRequestValidator.Validate(request);
        var ca = string.IsNullOrWhiteSpace(request?.CaCertificate) ? null : request.CaCertificate.Trim();
        if (request?.CaCertificate is not null && GitLabCaCertificate.Error(ca, time.GetUtcNow()) is { } caError)
        {
            input.Errors["caCertificate"] = [caError];
        }

        var url = input.Errors.ContainsKey("gitlabUrl") ? null : await urlValidator.ValidateAsync(request?.GitLabUrl, cancellationToken).ConfigureAwait(false);
        if (url is { IsValid: false })
        {
            input.Errors["gitlabUrl"] = [url.Error!];
        }

        if (!input.IsValid || url?.Url is not { } gitLabUrl)
        {
            AdminLog.Rejected(logger, Action, "(new)", "invalid request: " + string.Join(", ", input.Errors.Keys));
            return AdminProblems.Invalid(input.Errors);
        }

        var id = ConnectionId.New();
        var token = request!.Token!;
        var connection = new GitLabConnection(id, gitLabUrl, token, ca);
        var validation = await tokenValidator.ValidateAsync(connection, input.CreatesHooks, cancellationToken).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            AdminLog.Rejected(logger, Action, id, "token " + validation.Failure);
            return AdminProblems.Token(validation);
        }

        await secretWriter.WriteTokenAsync(id, token, validation, cancellationToken).ConfigureAwait(false);
        var (webhookSecret, signingToken, secretVersion, signingVersion) = await secretWriter.WriteNewWebhookSecretsAsync(id, input.Signing, cancellationToken).ConfigureAwait(false);
        var caVersion = ca is null ? null : (await secretWriter.WriteCaCertificateAsync(id, ca, cancellationToken).ConfigureAwait(false)).Version;

        var now = time.GetUtcNow();
        var record = new ConnectionRecord
        {
            Id = id,
            Name = input.Name,
            GitLabUrl = gitLabUrl,
            Events = input.Events,
            Signing = input.Signing,
            WebhookSecretVersion = secretVersion,
            SigningSecretVersion = signingVersion,
            CaCertificateVersion = caVersion,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var webhookUrl = urls.For(id);

        var hooks = new List<CreatedHook>();
        if (await CreateHooksAsync(record, connection, webhookUrl, webhookSecret, signingToken, input, hooks, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            await RollBackAsync(id, connection, hooks, cancellationToken).ConfigureAwait(false);
            return failure;
        }

        record = await store.CreateAsync(record with { Hooks = hooks }, cancellationToken).ConfigureAwait(false);
        cache.Invalidate(id);
        AdminLog.Connected(logger, id, ConnectionViews.Url(gitLabUrl), ConnectionViews.TokenKind(validation.Kind), hooks.Count, ConnectionViews.Signing(record.Signing));

        var body = new ConnectionCreated(
            id, record.Name, ConnectionViews.Url(gitLabUrl), webhookUrl.ToString(), webhookSecret, signingToken, ConnectionViews.Token(validation), record.Events,
            ConnectionViews.Signing(record.Signing), [.. hooks.Select(ConnectionViews.Hook)], validation.Warnings, WebhookInstructionsBuilder.Build(record, webhookUrl, webhookSecret, signingToken));
        return TypedResults.Created($"/api/connections/{id}", body);
    }

    private async Task<ProblemHttpResult?> CreateHooksAsync(
        ConnectionRecord record, GitLabConnection connection, Uri webhookUrl, string secret, string? signingToken, ValidatedConnect input, List<CreatedHook> created, CancellationToken cancellationToken)
    {
        var targets = input.Projects.Select(p => (Owner: GitLabHookOwner.Project, Id: p)).Concat(input.Groups.Select(g => (Owner: GitLabHookOwner.Group, Id: g)));
        foreach (var (owner, ownerId) in targets)
        {
            var request = new GitLabHookRequest(webhookUrl, secret, signingToken, WebhookTriggers.Flags(record.Events, owner), EnableSslVerification: true);
            var ownerName = ConnectionViews.OwnerName(owner);
            try
            {
                var hook = await gitLab.CreateHookAsync(connection, owner, ownerId, request, cancellationToken).ConfigureAwait(false);
                created.Add(new CreatedHook(ownerName, ownerId, hook.Id));
                AdminLog.Hook(logger, record.Id, "created", ownerName, ownerId, hook.Id);
            }
            catch (GitLabApiException e)
            {
                AdminLog.HookFailed(logger, record.Id, "create", ownerName, ownerId, 0, e.Status);
                return e.IsTransient
                    ? AdminProblems.Create(StatusCodes.Status502BadGateway, "gitlab-unreachable", $"Creating the webhook on {ownerName} {ownerId} failed: GitLab could not be reached or answered {e.Status}. Nothing was kept.")
                    : AdminProblems.Create(StatusCodes.Status422UnprocessableEntity, "hook-create-failed", $"GitLab refused to create the webhook on {ownerName} {ownerId} (status {e.Status}): the token needs Maintainer (project) or Owner (group, Premium) access. Nothing was kept.");
            }
        }

        return null;
    }

    // Best effort: a failed connect leaves no hooks pointing at a connection that does not exist, and no secrets.
    private async Task RollBackAsync(string id, GitLabConnection connection, List<CreatedHook> hooks, CancellationToken cancellationToken)
    {
        foreach (var hook in hooks)
        {
            try
            {
                await gitLab.DeleteHookAsync(connection, ConnectionViews.Owner(hook), hook.OwnerId, hook.HookId, cancellationToken).ConfigureAwait(false);
            }
            catch (GitLabApiException e)
            {
                AdminLog.HookFailed(logger, id, "roll back", hook.Owner, hook.OwnerId, hook.HookId, e.Status);
            }
        }

        await secretWriter.DeleteAllAsync(id, cancellationToken).ConfigureAwait(false);
        AdminLog.Rejected(logger, Action, id, "hook creation failed; rolled back");
    }
}
