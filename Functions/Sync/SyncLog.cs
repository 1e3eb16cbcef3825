namespace GitLabConnector.Sync;

/// <summary>Ids 1750–1799. Never tokens or payloads.</summary>
internal static partial class SyncLog
{
    [LoggerMessage(EventId = 1750, Level = LogLevel.Information, Message = "Sync {SyncId} of connection {ConnectionId} started from {Since:O}")]
    public static partial void Started(ILogger logger, string syncId, string connectionId, DateTimeOffset since);

    [LoggerMessage(EventId = 1751, Level = LogLevel.Information, Message = "Sync {SyncId} of connection {ConnectionId} finished")]
    public static partial void Finished(ILogger logger, string syncId, string connectionId);

    [LoggerMessage(EventId = 1752, Level = LogLevel.Error, Message = "Sync {SyncId} of connection {ConnectionId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string syncId, string connectionId, string reason);

    [LoggerMessage(EventId = 1753, Level = LogLevel.Warning, Message = "Sync {SyncId}: project {ProjectId} answered {Status} for {Kind}; skipped")]
    public static partial void ProjectSkipped(ILogger logger, string syncId, long projectId, string kind, int status);

    [LoggerMessage(EventId = 1754, Level = LogLevel.Error, Message = "Sync message {MessageId} is not a sync page; dropped")]
    public static partial void Malformed(ILogger logger, string messageId);

    [LoggerMessage(EventId = 1755, Level = LogLevel.Warning, Message = "Sync page of sync {SyncId} (connection {ConnectionId}) has no recorded sync (last attempt: {LastAttempt})")]
    public static partial void NoRun(ILogger logger, string syncId, string connectionId, bool lastAttempt);

    [LoggerMessage(EventId = 1756, Level = LogLevel.Warning, Message = "Sync {SyncId}: a {Kind} item has no id or version to identify its change; not published")]
    public static partial void Unidentified(ILogger logger, string syncId, string kind);

    [LoggerMessage(EventId = 1757, Level = LogLevel.Information, Message = "Scheduled sync of connection {ConnectionId} skipped: sync {SyncId} still runs")]
    public static partial void StillRunning(ILogger logger, string connectionId, string? syncId);

    [LoggerMessage(EventId = 1758, Level = LogLevel.Error, Message = "Scheduled check {Check} of connection {ConnectionId} failed: {Reason}")]
    public static partial void CheckFailed(ILogger logger, string check, string connectionId, string reason);

    [LoggerMessage(EventId = 1760, Level = LogLevel.Information, Message = "Sync {SyncId}: {Count} items of page {PageKey} are claimed by another worker; the page is worked again after their lease")]
    public static partial void PageDeferred(ILogger logger, string syncId, string pageKey, int count);

    [LoggerMessage(EventId = 1761, Level = LogLevel.Warning, Message = "Sync {SyncId} of connection {ConnectionId} stalled: no page finished since {LastMovedAt:O}; failed so that a new sync can start")]
    public static partial void Stalled(ILogger logger, string syncId, string connectionId, DateTimeOffset lastMovedAt);

    [LoggerMessage(EventId = 1759, Level = LogLevel.Warning, Message = "Sync request for connection {ConnectionId} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string connectionId, string reason);
}
