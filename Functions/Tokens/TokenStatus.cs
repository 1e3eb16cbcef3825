using System.Text.Json.Serialization;

namespace GitLabConnector.Tokens;

/// <summary>A connection's token status (SPEC §8). Never holds the token.</summary>
public sealed record TokenStatus
{
    [JsonPropertyName("connectionId")] public required string ConnectionId { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("tokenId")] public long? TokenId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("scopes")] public IReadOnlyList<string> Scopes { get; init; } = [];
    [JsonPropertyName("expiresAt")] public DateOnly? ExpiresAt { get; init; }
    [JsonPropertyName("daysLeft")] public int? DaysLeft { get; init; }
    [JsonPropertyName("lastCheckedAt")] public DateTimeOffset? LastCheckedAt { get; init; }
    [JsonPropertyName("secretVersion")] public string? SecretVersion { get; init; }

    /// <summary>ok, expiring, expired, revoked, invalid, rotated, rotation-failed.</summary>
    [JsonPropertyName("state")] public string State { get; init; } = TokenStates.Ok;

    /// <summary>The smallest warning threshold (days) already alerted for the current expiry date.</summary>
    [JsonPropertyName("lastAlertThreshold")] public int? LastAlertThreshold { get; init; }
    [JsonPropertyName("lastAlertState")] public string? LastAlertState { get; init; }
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
}
