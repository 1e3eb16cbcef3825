namespace GitLabConnector.Tokens;

/// <summary>Ids 1600–1699; 1601–1607 are the alerts. Never a token.</summary>
internal static partial class TokenLog
{
    [LoggerMessage(1601, LogLevel.Warning, "Token expiring for connection {ConnectionId}: {DaysLeft} day(s) left (threshold {Threshold}). {Message} Action: {Action}")]
    public static partial void TokenExpiring(ILogger logger, string connectionId, int? daysLeft, int? threshold, string message, string action);

    [LoggerMessage(1602, LogLevel.Error, "Token expired for connection {ConnectionId}. {Message} Action: {Action}")]
    public static partial void TokenExpired(ILogger logger, string connectionId, string message, string action);

    [LoggerMessage(1603, LogLevel.Error, "Token revoked for connection {ConnectionId}. {Message} Action: {Action}")]
    public static partial void TokenRevoked(ILogger logger, string connectionId, string message, string action);

    [LoggerMessage(1604, LogLevel.Error, "Token invalid for connection {ConnectionId}. {Message} Action: {Action}")]
    public static partial void TokenInvalid(ILogger logger, string connectionId, string message, string action);

    [LoggerMessage(1605, LogLevel.Information, "Token rotated for connection {ConnectionId}. {Message}")]
    public static partial void TokenRotated(ILogger logger, string connectionId, string message);

    [LoggerMessage(1606, LogLevel.Critical, "Token rotation failed for connection {ConnectionId}. {Message} Action: {Action}")]
    public static partial void RotationFailed(ILogger logger, string connectionId, string message, string action);

    [LoggerMessage(1607, LogLevel.Critical, "Rotated token not persisted for connection {ConnectionId}. {Message} Action: {Action}")]
    public static partial void RotatedTokenNotPersisted(ILogger logger, string connectionId, string message, string action);

    [LoggerMessage(1610, LogLevel.Information, "Token monitor run skipped: another instance holds lease {Lease} (a run that died holds it at most 1 minute)")]
    public static partial void MonitorLeaseHeld(ILogger logger, string lease);

    [LoggerMessage(1611, LogLevel.Information, "Token monitor checked {Count} connection(s)")]
    public static partial void MonitorCompleted(ILogger logger, int count);

    [LoggerMessage(1612, LogLevel.Error, "Token check failed for connection {ConnectionId}")]
    public static partial void CheckFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(1613, LogLevel.Warning, "Could not ask GitLab about the token of connection {ConnectionId} ({Error}); state kept, expiry judged from the last known date")]
    public static partial void GitLabUnavailable(ILogger logger, string connectionId, string? error);

    [LoggerMessage(1614, LogLevel.Information, "Token status of connection {ConnectionId} was changed concurrently; this check's result is dropped")]
    public static partial void StatusConflict(ILogger logger, string connectionId);

    [LoggerMessage(1615, LogLevel.Warning, "Connection {ConnectionId}: token due for rotation but cannot rotate itself ({Reason})")]
    public static partial void RotationNotPossible(ILogger logger, string connectionId, string reason);

    [LoggerMessage(1616, LogLevel.Information, "Connection {ConnectionId}: rotation skipped, {Reason}")]
    public static partial void RotationSkipped(ILogger logger, string connectionId, string reason);

    [LoggerMessage(1617, LogLevel.Warning, "Connection {ConnectionId}: writing the rotated token failed (attempt {Attempt} of {Attempts})")]
    public static partial void PersistAttemptFailed(ILogger logger, string connectionId, int attempt, int attempts, Exception exception);

    [LoggerMessage(1618, LogLevel.Information, "Connection {ConnectionId}: rotated token held in memory was written as secret version {Version}")]
    public static partial void PendingPersisted(ILogger logger, string connectionId, string version);

    [LoggerMessage(1619, LogLevel.Error, "Alert {Kind} for connection {ConnectionId} was logged but could not be queued")]
    public static partial void AlertQueueFailed(ILogger logger, string kind, string connectionId, Exception exception);

    [LoggerMessage(1620, LogLevel.Warning, "Connection {ConnectionId}: could not set expiry/tags on secret version {Version}")]
    public static partial void SecretPropertiesFailed(ILogger logger, string connectionId, string version, Exception exception);

    [LoggerMessage(1621, LogLevel.Information, "Connection {ConnectionId}: re-drove {Count} parked event(s)")]
    public static partial void Redriven(ILogger logger, string connectionId, int count);

    [LoggerMessage(1622, LogLevel.Warning, "Connection {ConnectionId}: re-driving parked events failed; retried at the next run")]
    public static partial void RedriveFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(1623, LogLevel.Error, "Connection {ConnectionId}: rotated token still held only in memory; check skipped until it is written")]
    public static partial void PendingStillHeld(ILogger logger, string connectionId);

    [LoggerMessage(1624, LogLevel.Warning, "Connection {ConnectionId}: the rotated token did not validate right after rotation ({Outcome}); the next run validates it again")]
    public static partial void RotatedTokenNotVerified(ILogger logger, string connectionId, TokenProbeOutcome outcome);

    [LoggerMessage(1625, LogLevel.Information, "Connection {ConnectionId}: Resource Access Token Hook for token {HookTokenId} (connection's token {TokenId}, expires {ExpiresAt}); re-checking")]
    public static partial void AccessTokenHook(ILogger logger, string connectionId, long? hookTokenId, long? tokenId, string? expiresAt);

    [LoggerMessage(1626, LogLevel.Error, "Connection {ConnectionId}: could not save token status")]
    public static partial void StatusSaveFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(1627, LogLevel.Warning, "Token monitor lost lease {Lease}; stopping this run")]
    public static partial void MonitorLeaseLost(ILogger logger, string lease);

    [LoggerMessage(1628, LogLevel.Warning, "Token monitor could not renew lease {Lease}; trying again shortly")]
    public static partial void MonitorLeaseRenewalFailed(ILogger logger, string lease, Exception exception);
}
