using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;

namespace GitLabConnector.Tokens;

/// <summary>
/// Opt-in automatic rotation. GitLab revokes the old token the moment it rotates, and rotating a revoked token revokes the
/// whole family, so the rotate call is made <b>at most once</b> per token version: under the <c>rotate-{connectionId}</c>
/// lease, after a <c>rotating</c> intent record is stored, never retried — any failure, even a timeout or 5xx, ends in
/// <c>rotation-failed</c>. The new token is written straight away (bounded retries), else held in
/// <see cref="PendingRotatedTokens"/> and written first at the next run. docs/tokens.md lists the crash windows.
/// </summary>
public sealed class TokenRotator(
    IGitLabApi gitLab,
    TokenProbe probe,
    ISecretStore secrets,
    ITokenStatusStore statuses,
    ILeaseStore leases,
    IParkedEvents parked,
    TokenAlertPublisher alerts,
    PendingRotatedTokens pending,
    TokenRotationRetryPolicy policy,
    IOptions<TokenOptions> options,
    TimeProvider time,
    ILogger<TokenRotator> logger,
    ISecretCache? secretCache = null)
{
    private const string StatusChanged = "the token status changed since it was checked";

    public static string LeaseName(string connectionId) => $"rotate-{connectionId}";

    public bool IsDue(TokenStatus status)
    {
        var settings = options.Value;
        if (!settings.AutoRotate || status.DaysLeft is not { } daysLeft || daysLeft <= 0 || daysLeft > settings.RotateWhenDaysLeft
            || status.State is not (TokenStates.Ok or TokenStates.Expiring))
        {
            return false;
        }

        var kind = TokenKindNames.FromName(status.Kind);
        if (kind is null || (kind != GitLabTokenKind.Personal && status.ResourceId is null))
        {
            TokenLog.RotationNotPossible(logger, status.ConnectionId, "token kind unknown");
            return false;
        }

        if (!status.Scopes.Contains("api") && !status.Scopes.Contains("self_rotate"))
        {
            TokenLog.RotationNotPossible(logger, status.ConnectionId, "the token has neither the api nor the self_rotate scope");
            return false;
        }

        return true;
    }

    /// <summary>Rotates the token whose check stored <paramref name="status"/> (with its ETag).</summary>
    public Task<TokenStatus> RotateAsync(ConnectionRecord connection, StoredSecret current, TokenStatus status, CancellationToken cancellationToken) =>
        WithLeaseAsync(
            connection.Id,
            () => Skipped(connection.Id, "another instance is rotating this token", status),
            lease => RotateUnderLeaseAsync(connection, current, status, lease, cancellationToken),
            cancellationToken);

    /// <summary>False while a rotated token is still held only in memory: the old, revoked token must not be checked meanwhile.</summary>
    public async Task<bool> PersistPendingAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        var held = pending.Find(connection.Id);
        return held is null
            || await WithLeaseAsync(connection.Id, () => false, _ => PersistHeldAsync(connection, held, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A status left in <c>rotating</c>: null while its lease is held; else to a check of the new version if it was written, else <c>rotation-failed</c>.</summary>
    public Task<TokenStatus?> ResolveInterruptedAsync(ConnectionRecord connection, TokenStatus status, CancellationToken cancellationToken) =>
        WithLeaseAsync(
            connection.Id,
            () => Skipped<TokenStatus?>(connection.Id, "a rotation is in progress; check deferred", null),
            _ => ResolveUnderLeaseAsync(connection, status, cancellationToken),
            cancellationToken);

    private async Task<TokenStatus> RotateUnderLeaseAsync(ConnectionRecord connection, StoredSecret current, TokenStatus status, Lease lease, CancellationToken cancellationToken)
    {
        // Another run may have rotated between our check and the lease: the status it wrote has a new ETag.
        var fresh = await statuses.GetAsync(connection.Id, cancellationToken).ConfigureAwait(false);
        if (fresh is null || fresh.ETag != status.ETag || fresh.SecretVersion != current.Version)
        {
            return Skipped(connection.Id, StatusChanged, fresh ?? status);
        }

        var kind = TokenKindNames.FromName(status.Kind)!.Value;
        var resourceId = kind == GitLabTokenKind.Personal ? null : status.ResourceId;
        var now = time.GetUtcNow();
        var requestedExpiry = DateOnly.FromDateTime(now.UtcDateTime).AddDays(options.Value.RotationLifetimeDays);
        var access = await secrets.GitLabConnectionAsync(connection, current.Value, cancellationToken).ConfigureAwait(false);
        TokenStatus intent;
        try
        {
            intent = await statuses.SaveAsync(
                fresh with { State = TokenStates.Rotating, RotationStartedAt = now, RotationOwner = lease.Owner, RotationFromVersion = current.Version },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TokenStatusConflictException)
        {
            return Skipped(connection.Id, StatusChanged, fresh);
        }

        GitLabRotatedToken rotated;
        try
        {
            rotated = await gitLab.RotateTokenSelfAsync(access, kind, resourceId, requestedExpiry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Whatever happened (refusal, timeout, 5xx, cancellation), GitLab may already have rotated: never call again.
            return await FailAsync(intent, failed => TokenAlerts.RotationFailed(failed, Describe(e))).ConfigureAwait(false);
        }

        var held = new PendingRotatedToken(connection.Id, rotated, kind, requestedExpiry, now);
        return await PersistAsync(connection, intent, held).ConfigureAwait(false);
    }

    private async Task<bool> PersistHeldAsync(ConnectionRecord connection, PendingRotatedToken held, CancellationToken cancellationToken)
    {
        var status = await statuses.GetAsync(connection.Id, cancellationToken).ConfigureAwait(false) ?? new TokenStatus { ConnectionId = connection.Id };
        var stored = await WriteAsync(connection.Id, held).ConfigureAwait(false);
        if (stored is null)
        {
            TokenLog.PendingStillHeld(logger, connection.Id);
            return false;
        }

        pending.Remove(connection.Id);
        TokenLog.PendingPersisted(logger, connection.Id, stored.Version);
        await FinishAsync(connection, status, held, stored).ConfigureAwait(false);
        return true;
    }

    private async Task<TokenStatus?> ResolveUnderLeaseAsync(ConnectionRecord connection, TokenStatus status, CancellationToken cancellationToken)
    {
        secretCache?.Invalidate(SecretNames.Token(connection.Id));
        var latest = await secrets.GetAsync(SecretNames.Token(connection.Id), null, cancellationToken).ConfigureAwait(false);
        if (latest is not null && latest.Version != status.RotationFromVersion)
        {
            // The new token reached the secret store before the crash: the normal check validates it as a new version.
            return status with { State = TokenStates.Ok, SecretVersion = status.RotationFromVersion ?? status.SecretVersion };
        }

        var reason = $"the rotation started at {status.RotationStartedAt:O} by {status.RotationOwner} was interrupted before its result was recorded";
        return await FailAsync(status, failed => TokenAlerts.RotationFailed(failed, reason)).ConfigureAwait(false);
    }

    private async Task<TokenStatus> FailAsync(TokenStatus intent, Func<TokenStatus, TokenAlert> alert)
    {
        var failed = await SaveAsync(intent with { State = TokenStates.RotationFailed, LastAlertState = TokenStates.RotationFailed }).ConfigureAwait(false);
        await alerts.PublishAsync(alert(failed), CancellationToken.None).ConfigureAwait(false);
        return failed;
    }

    private async Task<TokenStatus> PersistAsync(ConnectionRecord connection, TokenStatus intent, PendingRotatedToken held)
    {
        var stored = await WriteAsync(connection.Id, held).ConfigureAwait(false);
        if (stored is not null)
        {
            return await FinishAsync(connection, intent, held, stored).ConfigureAwait(false);
        }

        pending.Hold(held);
        return await FailAsync(intent, failed => TokenAlerts.NotPersisted(failed, LeaseOwner.Instance, held.ExpiresAt)).ConfigureAwait(false);
    }

    /// <summary>Null when every attempt failed. Not cancellable: this is the only copy.</summary>
    private async Task<StoredSecret?> WriteAsync(string connectionId, PendingRotatedToken held)
    {
        var write = new SecretWriteOptions(
            TokenSecretProperties.ExpiresOn(held.ExpiresAt),
            TokenSecretProperties.Tags(held.Token.Id, TokenKindNames.ToName(held.Kind), held.Token.Scopes),
            "text/plain");
        var attempts = policy.PersistDelays.Count + 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await secrets.SetAsync(SecretNames.Token(connectionId), held.Token.Token, write, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                TokenLog.PersistAttemptFailed(logger, connectionId, attempt, attempts, e);
                if (attempt >= attempts)
                {
                    return null;
                }
            }

            await Task.Delay(policy.PersistDelays[attempt - 1], time, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<TokenStatus> FinishAsync(ConnectionRecord connection, TokenStatus before, PendingRotatedToken held, StoredSecret stored)
    {
        var now = time.GetUtcNow();
        var status = before with
        {
            State = TokenStates.Rotated,
            SecretVersion = stored.Version,
            TokenId = held.Token.Id,
            Scopes = held.Token.Scopes,
            ExpiresAt = held.ExpiresAt,
            LastCheckedAt = now,
            LastAlertThreshold = null,
            LastAlertState = null,
            RotationStartedAt = null,
            RotationOwner = null,
            RotationFromVersion = null,
        };

        var verified = await probe.ProbeAsync(await secrets.GitLabConnectionAsync(connection, held.Token.Token, CancellationToken.None).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
        if (verified.Outcome == TokenProbeOutcome.Valid)
        {
            var info = verified.Info!;
            status = status with
            {
                TokenId = info.Id,
                Name = info.Name,
                Scopes = info.Scopes,
                ExpiresAt = info.ExpiresAt ?? held.ExpiresAt,
                Kind = verified.Kind is { } k ? TokenKindNames.ToName(k.Kind) : status.Kind,
                ResourceId = verified.Kind?.ResourceId ?? status.ResourceId,
            };
            await TokenSecretProperties.EnsureAsync(secrets, stored, status, logger, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            // Stored anyway; the next check validates it again and alerts if GitLab refuses it.
            TokenLog.RotatedTokenNotVerified(logger, connection.Id, verified.Outcome);
        }

        status = status with { DaysLeft = status.ExpiresAt!.Value.DayNumber - DateOnly.FromDateTime(now.UtcDateTime).DayNumber };
        status = await SaveAsync(status).ConfigureAwait(false);
        await alerts.PublishAsync(TokenAlerts.Rotated(status, automatic: true), CancellationToken.None).ConfigureAwait(false);

        // Instances still reading the old value from a cache may have parked events meanwhile.
        await ParkedEventsRedrive.RedriveAsync(parked, connection.Id, onlyIfAny: false, logger, CancellationToken.None).ConfigureAwait(false);
        return status;
    }

    /// <summary>A result reached under the lease wins over a racing check; a storage failure is logged and the next check recomputes.</summary>
    private async Task<TokenStatus> SaveAsync(TokenStatus status)
    {
        try
        {
            try
            {
                return await statuses.SaveAsync(status, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TokenStatusConflictException)
            {
                var current = await statuses.GetAsync(status.ConnectionId, CancellationToken.None).ConfigureAwait(false);
                return await statuses.SaveAsync(status with { ETag = current?.ETag }, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            TokenLog.StatusSaveFailed(logger, status.ConnectionId, e);
            return status;
        }
    }

    private async Task<T> WithLeaseAsync<T>(string connectionId, Func<T> whenHeld, Func<Lease, Task<T>> work, CancellationToken cancellationToken)
    {
        var lease = await leases.TryAcquireAsync(LeaseName(connectionId), LeaseOwner.NewOwner(), policy.LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return whenHeld();
        }

        try
        {
            return await work(lease).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await leases.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // It expires on its own.
            }
        }
    }

    private T Skipped<T>(string connectionId, string reason, T result)
    {
        TokenLog.RotationSkipped(logger, connectionId, reason);
        return result;
    }

    private static string Describe(Exception e) => e switch
    {
        GitLabApiException { Status: 0 } => "GitLab could not be reached or timed out",
        GitLabApiException g => $"GitLab answered {g.Status}",
        OperationCanceledException => "the call was cancelled or timed out",
        _ => e.GetType().Name,
    };
}
