namespace GitLabConnector.Projects;

/// <summary>Projects log events (ids 1700–1749): connection, project and hook ids only — never tokens or secrets.</summary>
internal static partial class ProjectsLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Connection {ConnectionId}: hook {HookId} on project {ProjectId} {Outcome}")]
    public static partial void HookInstalled(ILogger logger, string connectionId, long projectId, long hookId, string outcome);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: re-enabling hook {HookId} on {OwnerId} failed: GitLab status {Status}")]
    public static partial void ReEnableFailed(ILogger logger, string connectionId, long ownerId, long hookId, int status);

    /// <summary>The hook alert's stable id, like the token alerts' 1601–1607.</summary>
    [LoggerMessage(EventId = 1710, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: GitLab {AlertStatus} {Owner} hook {HookId} on {OwnerId} (until {DisabledUntil}). {Action}")]
    public static partial void HookDisabled(ILogger logger, string connectionId, string alertStatus, string owner, long ownerId, long hookId, DateTimeOffset? disabledUntil, string action);

    [LoggerMessage(EventId = 1711, Level = LogLevel.Error, Message = "Connection {ConnectionId}: the hook alert could not be queued (it is logged as event 1710)")]
    public static partial void AlertQueueFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Information, Message = "Connection {ConnectionId}: re-enabled hook {HookId} on {OwnerId}")]
    public static partial void ReEnabled(ILogger logger, string connectionId, long ownerId, long hookId);

    [LoggerMessage(EventId = 1720, Level = LogLevel.Information, Message = "Connection {ConnectionId}: hooks checked but neither re-enabled nor resent: {Reason}")]
    public static partial void HookRepairSkipped(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 1721, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: hook check skipped: {Reason}")]
    public static partial void CheckSkipped(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 1722, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: checking hook {HookId} on {OwnerId} failed: GitLab status {Status}")]
    public static partial void HookCheckFailed(ILogger logger, string connectionId, long ownerId, long hookId, int status);

    [LoggerMessage(EventId = 1723, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: hook {HookId} on {OwnerId} is gone from GitLab")]
    public static partial void HookGone(ILogger logger, string connectionId, long ownerId, long hookId);

    [LoggerMessage(EventId = 1730, Level = LogLevel.Information, Message = "Connection {ConnectionId}: resent {Resent} failed deliveries of hook {HookId} on {OwnerId}; {Left} left for a later run (GitLab allows 5 a minute; at most 10 per connection and run)")]
    public static partial void Resent(ILogger logger, string connectionId, long ownerId, long hookId, int resent, int left);

    [LoggerMessage(EventId = 1731, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: resending delivery {HookEventId} of hook {HookId} failed: GitLab status {Status}")]
    public static partial void ResendFailed(ILogger logger, string connectionId, long hookId, long hookEventId, int status);
}
