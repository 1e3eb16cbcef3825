namespace GitLabConnector.Tokens;

/// <summary>Alert kinds; the number is the stable log event id.</summary>
public enum TokenAlertKind
{
    TokenExpiring = 1601,
    TokenExpired = 1602,
    TokenRevoked = 1603,
    TokenInvalid = 1604,
    TokenRotated = 1605,
    RotationFailed = 1606,
    RotatedTokenNotPersisted = 1607,
}

/// <summary>One operator-facing alert about a connection's token. Never holds the token.</summary>
public sealed record TokenAlert
{
    public required TokenAlertKind Kind { get; init; }
    public required string ConnectionId { get; init; }
    public required string State { get; init; }
    public int? DaysLeft { get; init; }
    public DateOnly? ExpiresAt { get; init; }

    /// <summary>The warning threshold (days) crossed, for <see cref="TokenAlertKind.TokenExpiring"/>.</summary>
    public int? Threshold { get; init; }

    public required string Message { get; init; }

    /// <summary>What the operator should do.</summary>
    public required string Action { get; init; }

    public string KindName => Kind switch
    {
        TokenAlertKind.TokenExpiring => "token-expiring",
        TokenAlertKind.TokenExpired => "token-expired",
        TokenAlertKind.TokenRevoked => "token-revoked",
        TokenAlertKind.TokenInvalid => "token-invalid",
        TokenAlertKind.TokenRotated => "token-rotated",
        TokenAlertKind.RotationFailed => "rotation-failed",
        _ => "rotated-token-not-persisted",
    };

    public LogLevel Level => Kind switch
    {
        TokenAlertKind.TokenRotated => LogLevel.Information,
        TokenAlertKind.TokenExpiring => LogLevel.Warning,
        TokenAlertKind.RotationFailed or TokenAlertKind.RotatedTokenNotPersisted => LogLevel.Critical,
        _ => LogLevel.Error,
    };

    public string Severity => Level switch
    {
        LogLevel.Information => "information",
        LogLevel.Warning => "warning",
        LogLevel.Critical => "critical",
        _ => "error",
    };
}
