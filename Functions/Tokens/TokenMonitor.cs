using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.Secrets;

namespace GitLabConnector.Tokens;

/// <summary>
/// Checks connections' GitLab tokens (docs/tokens.md) and hands due ones to <see cref="TokenRotator"/>. Safe to run
/// concurrently with itself: status writes are ETag-conditional and alerts are raised only after the write won.
/// </summary>
public sealed class TokenMonitor(
    IConnectionStore connections,
    ISecretStore secrets,
    ITokenStatusStore statuses,
    TokenProbe probe,
    TokenRotator rotator,
    TokenAlertPublisher alerts,
    PendingRotatedTokens pending,
    IParkedEvents parked,
    IOptions<TokenOptions> options,
    TimeProvider time,
    ILogger<TokenMonitor> logger,
    ISecretCache? secretCache = null) : IAccessTokenEventHandler
{
    private static readonly int[] DefaultWarningDays = [30, 14, 7, 3, 1];

    public async Task<IReadOnlyList<ConnectionRecord>> ListActiveAsync(CancellationToken cancellationToken) =>
        [.. (await connections.ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.Status == ConnectionStatus.Active)];

    /// <summary>Runs before anything else in a monitor run.</summary>
    public async Task PersistPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var connectionId in pending.ConnectionIds)
        {
            var connection = await connections.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                pending.Remove(connectionId);
                continue;
            }

            await rotator.PersistPendingAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Null when unknown or disconnected.</summary>
    public async Task<TokenStatus?> CheckConnectionAsync(string connectionId, CancellationToken cancellationToken)
    {
        var connection = await connections.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
        return connection is { Status: ConnectionStatus.Active } ? await CheckConnectionAsync(connection, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Null when the check was skipped or failed (logged).</summary>
    public async Task<TokenStatus?> CheckConnectionAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        try
        {
            return await CheckCoreAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (TokenStatusConflictException)
        {
            TokenLog.StatusConflict(logger, connection.Id);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            TokenLog.CheckFailed(logger, connection.Id, e);
            return null;
        }
    }

    /// <summary>
    /// A <c>Resource Access Token Hook</c> re-checks the connection's token whether or not the hook is about it: the check is
    /// two cheap reads and alerts once per threshold, so a hook about another token raises nothing.
    /// </summary>
    public async Task<TokenStatus?> HandleAccessTokenEventAsync(string connectionId, JsonElement payload, CancellationToken cancellationToken)
    {
        if (Property(payload, "object_kind") is not { ValueKind: JsonValueKind.String } kind || !kind.ValueEquals("access_token"))
        {
            return null;
        }

        var attributes = Property(payload, "object_attributes");
        long? hookTokenId = Property(attributes, "id") is { ValueKind: JsonValueKind.Number } id && id.TryGetInt64(out var tokenId) ? tokenId : null;
        var hookExpiresAt = Property(attributes, "expires_at") is { ValueKind: JsonValueKind.String } expires ? expires.GetString() : null;
        try
        {
            var known = await statuses.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
            TokenLog.AccessTokenHook(logger, connectionId, hookTokenId, known?.TokenId, hookExpiresAt);
            return await CheckConnectionAsync(connectionId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The event itself is still enriched and published; the timer's next run checks the token anyway.
            TokenLog.CheckFailed(logger, connectionId, e);
            return null;
        }
    }

    Task IAccessTokenEventHandler.HandleAsync(string connectionId, JsonElement payload, CancellationToken cancellationToken) =>
        HandleAccessTokenEventAsync(connectionId, payload, cancellationToken);

    private async Task<TokenStatus?> CheckCoreAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        // A rotated token held only in memory comes first: until it is written, the stored token is the revoked one.
        if (!await rotator.PersistPendingAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var previous = await statuses.GetAsync(connection.Id, cancellationToken).ConfigureAwait(false) ?? new TokenStatus { ConnectionId = connection.Id };
        if (previous.State == TokenStates.Rotating)
        {
            var resolved = await rotator.ResolveInterruptedAsync(connection, previous, cancellationToken).ConfigureAwait(false);
            if (resolved is null)
            {
                return null;
            }

            previous = resolved;
        }

        // Read past the secret cache: an operator's new version must be seen at this run, not after the cache's lifetime.
        secretCache?.Invalidate(SecretNames.Token(connection.Id));
        var secret = await secrets.GetAsync(SecretNames.Token(connection.Id), null, cancellationToken).ConfigureAwait(false);
        var result = secret is null
            ? new TokenProbeResult(TokenProbeOutcome.Missing, Error: "no token in the secret store")
            : await probe.ProbeAsync(await secrets.GitLabConnectionAsync(connection, secret.Value, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (result.Outcome == TokenProbeOutcome.Unavailable)
        {
            TokenLog.GitLabUnavailable(logger, connection.Id, result.Error);
        }

        var evaluation = TokenStateEvaluator.Evaluate(previous, secret?.Version, result, time.GetUtcNow(), WarningDays());
        var status = await statuses.SaveAsync(evaluation.Status, cancellationToken).ConfigureAwait(false);
        foreach (var alert in evaluation.Alerts)
        {
            await alerts.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
        }

        if (result.Outcome != TokenProbeOutcome.Valid || secret is null)
        {
            return status;
        }

        await TokenSecretProperties.EnsureAsync(secrets, secret, status, logger, cancellationToken).ConfigureAwait(false);
        if (status.State is TokenStates.Ok or TokenStates.Expiring or TokenStates.Rotated)
        {
            await ParkedEventsRedrive.RedriveAsync(parked, connection.Id, onlyIfAny: !evaluation.NewVersionValidated, logger, cancellationToken).ConfigureAwait(false);
        }

        if (rotator.IsDue(status))
        {
            status = await rotator.RotateAsync(connection, secret, status, cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private IReadOnlyList<int> WarningDays() =>
        TokenOptions.TryParseWarningDays(options.Value.WarningDays, out var days) ? days : DefaultWarningDays;
}
