namespace GitLabConnector.Tokens;

/// <summary>A connection's token status (docs/tokens.md). Never holds the token.</summary>
public sealed record TokenStatus
{
    [JsonPropertyName("connectionId")] public required string ConnectionId { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("tokenId")] public long? TokenId { get; init; }

    /// <summary>The project or group of a project/group access token (its rotate endpoint needs it).</summary>
    [JsonPropertyName("resourceId")] public long? ResourceId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("scopes")] public IReadOnlyList<string> Scopes { get; init; } = [];
    [JsonPropertyName("expiresAt")] public DateOnly? ExpiresAt { get; init; }
    [JsonPropertyName("daysLeft")] public int? DaysLeft { get; init; }
    [JsonPropertyName("lastCheckedAt")] public DateTimeOffset? LastCheckedAt { get; init; }
    [JsonPropertyName("secretVersion")] public string? SecretVersion { get; init; }

    [JsonPropertyName("state")] public string State { get; init; } = TokenStates.Ok;

    /// <summary>The smallest warning threshold (days) already alerted for the current expiry date.</summary>
    [JsonPropertyName("lastAlertThreshold")] public int? LastAlertThreshold { get; init; }
    [JsonPropertyName("lastAlertState")] public string? LastAlertState { get; init; }

    /// <summary>Set while state is <c>rotating</c>.</summary>
    [JsonPropertyName("rotationStartedAt")] public DateTimeOffset? RotationStartedAt { get; init; }
    [JsonPropertyName("rotationOwner")] public string? RotationOwner { get; init; }
    [JsonPropertyName("rotationFromVersion")] public string? RotationFromVersion { get; init; }

    [JsonIgnore] public string? ETag { get; init; }
}

public static class TokenStates
{
    public const string Ok = "ok";
    public const string Expiring = "expiring";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
    public const string Invalid = "invalid";
    public const string Rotated = "rotated";
    public const string RotationFailed = "rotation-failed";

    /// <summary>An automatic rotation's intent record: written before GitLab is asked to rotate.</summary>
    public const string Rotating = "rotating";

    /// <summary>The token still authenticates.</summary>
    public static bool IsUsable(string state) => state is Ok or Expiring or Rotated or RotationFailed;
}
