namespace GitLabConnector.Enrichment;

/// <summary>Queue-processing log events (ids 1450–1499). Never a token.</summary>
internal static partial class ProcessingLog
{
    [LoggerMessage(1450, LogLevel.Information, "Enriched {Kind} event {GitLabEventId} for connection {ConnectionId} (partial {Partial})")]
    public static partial void Enriched(ILogger logger, string kind, string gitLabEventId, string connectionId, bool partial);

    [LoggerMessage(1451, LogLevel.Information, "Duplicate event {GitLabEventId} for connection {ConnectionId} suppressed ({Why})")]
    public static partial void Duplicate(ILogger logger, string gitLabEventId, string connectionId, string why);

    [LoggerMessage(1452, LogLevel.Warning, "Event {GitLabEventId} for connection {ConnectionId} parked: {Reason}")]
    public static partial void Parked(ILogger logger, string gitLabEventId, string connectionId, string reason);

    [LoggerMessage(1453, LogLevel.Warning, "Event {GitLabEventId} dropped: connection {ConnectionId} is missing or disconnected")]
    public static partial void Dropped(ILogger logger, string gitLabEventId, string connectionId);

    [LoggerMessage(1454, LogLevel.Warning, "Event {GitLabEventId} for connection {ConnectionId} failed on attempt {Attempt}; it will be retried or poisoned: {Reason}")]
    public static partial void Failed(ILogger logger, string gitLabEventId, string connectionId, long attempt, string reason);

    [LoggerMessage(1455, LogLevel.Error, "Message {MessageId} moved to the poison queue: {Reason}")]
    public static partial void Malformed(ILogger logger, string messageId, string reason);

    [LoggerMessage(1456, LogLevel.Warning, "GitLab refused the token of connection {ConnectionId} (401); re-read the secret store, version changed: {VersionChanged}")]
    public static partial void TokenRefused(ILogger logger, string connectionId, bool versionChanged);

    [LoggerMessage(1457, LogLevel.Information, "Re-drove {Count} parked events for connection {ConnectionId}")]
    public static partial void Redriven(ILogger logger, int count, string connectionId);

    [LoggerMessage(1459, LogLevel.Information, "Event {GitLabEventId} for connection {ConnectionId} is being processed by another worker; re-checking in {Seconds} s")]
    public static partial void Deferred(ILogger logger, string gitLabEventId, string connectionId, int seconds);

    [LoggerMessage(1460, LogLevel.Warning, "Event {GitLabEventId} for connection {ConnectionId}: this worker's claim lapsed and another worker took it over; not publishing a second copy")]
    public static partial void Superseded(ILogger logger, string gitLabEventId, string connectionId);

    [LoggerMessage(1458, LogLevel.Information, "Replayed {Count} dead-lettered events (connection filter {ConnectionId})")]
    public static partial void Replayed(ILogger logger, int count, string connectionId);

    [LoggerMessage(1462, LogLevel.Debug, "Published event {GitLabEventId} for connection {ConnectionId} (attempt {Attempt}, message {MessageId}, claim {ClaimId})")]
    public static partial void Published(ILogger logger, string gitLabEventId, string connectionId, long attempt, string messageId, string claimId);

    [LoggerMessage(1463, LogLevel.Warning, "Event {GitLabEventId} for connection {ConnectionId} was published earlier by this instance and is now marked done (attempt {Attempt}); not publishing it again")]
    public static partial void MarkedDoneAfterPublish(ILogger logger, string gitLabEventId, string connectionId, long attempt);

    [LoggerMessage(1461, LogLevel.Warning, "Event {GitLabEventId} for connection {ConnectionId} is invalid and will not be retried: {Reason}")]
    public static partial void Invalid(ILogger logger, string gitLabEventId, string connectionId, string reason);
}
