namespace GitLabConnector.GitLab;

/// <summary>GitLab client log messages (event ids 1200–1299; 1800 for private CAs — the admin API has 1801–1819). Paths and connection ids only: never tokens.</summary>
internal static partial class GitLabLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "GitLab {Method} {Path} for connection {ConnectionId} answered {Status}")]
    public static partial void RequestCompleted(ILogger logger, string method, string path, string connectionId, int status);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "GitLab {Method} {Path} for connection {ConnectionId} failed with {Status}; retry {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, string connectionId, int status, int attempt, long delayMs);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "GitLab rate-limited connection {ConnectionId}; requests paused until {Until:O}")]
    public static partial void RateLimited(ILogger logger, string connectionId, DateTimeOffset until);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Waited {WaitMs} ms for the request budget of connection {ConnectionId}")]
    public static partial void BudgetWaited(ILogger logger, string connectionId, long waitMs);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "GitLab {Method} {Path} for connection {ConnectionId} timed out after {TimeoutMs} ms")]
    public static partial void TimedOut(ILogger logger, string method, string path, string connectionId, long timeoutMs);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "GitLab {Method} {Path} for connection {ConnectionId} failed: {Status} {Reason}")]
    public static partial void Failed(ILogger logger, string method, string path, string connectionId, int status, string reason);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Debug, Message = "Following GitLab redirect {Status} from {From} to {To}")]
    public static partial void Redirected(ILogger logger, int status, string from, string to);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Refused GitLab redirect {Status} from {From} to another origin")]
    public static partial void RedirectRefused(ILogger logger, int status, string from);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Information, Message = "Rotated the {Kind} token of connection {ConnectionId}; new token id {TokenId} expires {ExpiresAt}")]
    public static partial void TokenRotated(ILogger logger, GitLabTokenKind kind, string connectionId, long tokenId, DateOnly? expiresAt);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Information, Message = "{Action} {Owner} hook {HookId} on {OwnerId} for connection {ConnectionId}")]
    public static partial void HookChanged(ILogger logger, string action, GitLabHookOwner owner, long hookId, long ownerId, string connectionId);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "GitLab {Method} {Path} for connection {ConnectionId} could not be sent: {Reason}")]
    public static partial void Unreachable(ILogger logger, string method, string path, string connectionId, string reason);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "GitLab {Method} {Path} for connection {ConnectionId} answered {Status} with a body over {LimitBytes} bytes; not read")]
    public static partial void ResponseTooLarge(ILogger logger, string method, string path, string connectionId, int status, long limitBytes);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "Refused to connect to GitLab host {Host}: it resolves to {Address}, a {Reason} address")]
    public static partial void AddressRefused(ILogger logger, string host, string address, string reason);

    [LoggerMessage(EventId = 1800, Level = LogLevel.Warning, Message = "GitLab host {Host} of connection {ConnectionId} failed the TLS handshake (private CA configured: {HasCa}): {Reason}")]
    public static partial void CertificateRefused(ILogger logger, string host, string connectionId, bool hasCa, string reason);
}
