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

    /// <summary>Days; for <see cref="TokenAlertKind.TokenExpiring"/>.</summary>
    public int? Threshold { get; init; }

    public required string Message { get; init; }

    public required string Action { get; init; }

    /// <summary><c>token-expiring</c>, <c>rotation-failed</c>, …</summary>
    public string KindName => JsonNamingPolicy.KebabCaseLower.ConvertName(Kind.ToString());

    public string Severity => Kind switch
    {
        TokenAlertKind.TokenRotated => "information",
        TokenAlertKind.TokenExpiring => "warning",
        TokenAlertKind.RotationFailed or TokenAlertKind.RotatedTokenNotPersisted => "critical",
        _ => "error",
    };
}
