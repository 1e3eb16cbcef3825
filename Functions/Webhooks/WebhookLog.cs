namespace GitLabConnector.Webhooks;

/// <summary>Ingestion log events (ids 2000–2099). Never a token, secret or signature.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(2000, LogLevel.Information, "Accepted {GitLabEvent} {GitLabEventId} for connection {ConnectionId} ({Bytes} bytes, claim-check {ClaimCheck})")]
    public static partial void Accepted(ILogger logger, string gitLabEvent, string gitLabEventId, string connectionId, int bytes, bool claimCheck);

    [LoggerMessage(2001, LogLevel.Information, "Ignored {GitLabEvent} {GitLabEventId} for connection {ConnectionId}: not subscribed")]
    public static partial void Ignored(ILogger logger, string gitLabEvent, string gitLabEventId, string connectionId);

    [LoggerMessage(2002, LogLevel.Warning, "Rejected delivery for connection {ConnectionId}: {Status} {Reason}")]
    public static partial void Rejected(ILogger logger, string connectionId, int status, string reason);

    [LoggerMessage(2003, LogLevel.Warning, "Authentication failed for connection {ConnectionId}: {Outcome}")]
    public static partial void AuthenticationFailed(ILogger logger, string connectionId, AuthOutcome outcome);

    [LoggerMessage(2004, LogLevel.Warning, "Rate limited connection {ConnectionId}; retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, string connectionId, int retryAfterSeconds);

    [LoggerMessage(2005, LogLevel.Error, "Storage unavailable; delivery for connection {ConnectionId} refused with 503 (status {StorageStatus} {ErrorCode})")]
    public static partial void StorageUnavailable(ILogger logger, string connectionId, int storageStatus, string? errorCode, Exception exception);

    [LoggerMessage(2006, LogLevel.Error, "Secret store unavailable; delivery for connection {ConnectionId} refused with 503")]
    public static partial void SecretsUnavailable(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(2007, LogLevel.Information, "Warmed up ingestion in {ElapsedMs} ms: connections cached: {Connections}")]
    public static partial void WarmedUp(ILogger logger, long elapsedMs, int connections);

    [LoggerMessage(2008, LogLevel.Warning, "Ingestion warm-up stopped after {ElapsedMs} ms; deliveries will read what they need themselves")]
    public static partial void WarmUpFailed(ILogger logger, long elapsedMs, Exception exception);

    [LoggerMessage(2009, LogLevel.Warning, "Refused {Count} deliveries for unknown or disconnected connection ids (at most one such line per {IntervalSeconds} s)")]
    public static partial void UnknownConnections(ILogger logger, long count, int intervalSeconds);

    [LoggerMessage(2010, LogLevel.Warning, "Refused {Count} failed authentications over their limit with 429 (at most one such line per {IntervalSeconds} s)")]
    public static partial void FailuresThrottled(ILogger logger, long count, int intervalSeconds);

    [LoggerMessage(2011, LogLevel.Information, "Delivery for connection {ConnectionId} not read: {Status} {Reason}")]
    public static partial void ClientFailed(ILogger logger, string connectionId, int status, string reason);

    [LoggerMessage(2020, LogLevel.Warning, "Could not record that {GitLabEventId} for connection {ConnectionId} was ignored ({Error}); its status will read 'queued'")]
    public static partial void OutcomeNotRecorded(ILogger logger, string gitLabEventId, string connectionId, string error);
}
