namespace GitLabConnector.Admin;

/// <summary>Admin API log events (ids 1500–1599; 1801–1819 for private CAs). Connection ids, actions and outcomes only — never tokens or secrets.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Connection {ConnectionId}: private CA for GitLab's certificate {Change}")]
    public static partial void CaCertificateChanged(ILogger logger, string connectionId, string change);

    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "Admin API disabled: Connector:AdminKey is not set, so every /api/connections and /api/deadletter request answers 503")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Admin API enabled ({Authentication})")]
    public static partial void Enabled(ILogger logger, string authentication);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Admin request refused: {Reason} ({Method} {Path})")]
    public static partial void Refused(ILogger logger, string reason, string method, string path);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Admin {Action} on connection {ConnectionId}: {Outcome}")]
    public static partial void Action(ILogger logger, string action, string connectionId, string outcome);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Admin {Action} on connection {ConnectionId} refused: {Outcome}")]
    public static partial void Rejected(ILogger logger, string action, string connectionId, string outcome);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Information, Message = "Connection {ConnectionId} created for {GitLabUrl} (token kind {Kind}, {HookCount} hooks created, signing {Signing})")]
    public static partial void Connected(ILogger logger, string connectionId, string gitLabUrl, string kind, int hookCount, string signing);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: {Operation} {Owner} hook {OwnerId}/{HookId} failed: GitLab status {Status}")]
    public static partial void HookFailed(ILogger logger, string connectionId, string operation, string owner, long ownerId, long hookId, int status);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Information, Message = "Connection {ConnectionId}: {Operation} {Owner} hook {OwnerId}/{HookId}")]
    public static partial void Hook(ILogger logger, string connectionId, string operation, string owner, long ownerId, long hookId);

    [LoggerMessage(EventId = 1520, Level = LogLevel.Information, Message = "Connection {ConnectionId}: token replaced (new version {Version}); {Redriven} parked events re-driven")]
    public static partial void TokenReplaced(ILogger logger, string connectionId, string version, int redriven);

    [LoggerMessage(EventId = 1530, Level = LogLevel.Information, Message = "Connection {ConnectionId}: webhook secret rotated; previous secret accepted until {OverlapEnd:O}")]
    public static partial void SecretRotated(ILogger logger, string connectionId, DateTimeOffset overlapEnd);

    [LoggerMessage(EventId = 1540, Level = LogLevel.Information, Message = "Connection {ConnectionId}: user map replaced with {Count} entries")]
    public static partial void UserMapReplaced(ILogger logger, string connectionId, int count);

    [LoggerMessage(EventId = 1550, Level = LogLevel.Information, Message = "Connection {ConnectionId} disconnected ({Deleted} hooks deleted, {NotDeleted} not deleted)")]
    public static partial void Disconnected(ILogger logger, string connectionId, int deleted, int notDeleted);

    [LoggerMessage(EventId = 1560, Level = LogLevel.Information, Message = "Dead letters replayed for {Scope}: {Count}")]
    public static partial void DeadLettersReplayed(ILogger logger, string scope, int count);

    [LoggerMessage(EventId = 1570, Level = LogLevel.Warning, Message = "Admin {Action} on connection {ConnectionId}: concurrent change, retried once and still conflicting")]
    public static partial void Conflict(ILogger logger, string action, string connectionId);

    [LoggerMessage(EventId = 1580, Level = LogLevel.Error, Message = "Admin {Method} {Path} failed: {Dependency} unavailable")]
    public static partial void DependencyUnavailable(ILogger logger, string method, string path, string dependency, Exception exception);

    [LoggerMessage(EventId = 1590, Level = LogLevel.Information, Message = "Admin {Method} {Path} not read: {Status} {Reason}")]
    public static partial void ClientFailed(ILogger logger, string method, string path, int status, string reason);
}
