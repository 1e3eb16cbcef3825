using GitLabConnector.Enrichment;
using GitLabConnector.Tokens;

namespace GitLabConnector.Admin;

/// <summary><c>201</c> of <c>POST /api/connections</c>: the only answer (with instructions) that carries the webhook secret.</summary>
public sealed record ConnectionCreated(
    string Id,
    string Name,
    [property: JsonPropertyName("gitlabUrl")] string GitLabUrl,
    string WebhookUrl,
    string WebhookSecret,
    string? SigningToken,
    TokenSummary Token,
    IReadOnlyList<string> Events,
    string Signing,
    IReadOnlyList<HookView> Hooks,
    IReadOnlyList<string> Warnings,
    WebhookInstructions Instructions);

public sealed record TokenSummary(long Id, string Name, IReadOnlyList<string> Scopes, DateOnly? ExpiresAt, string Kind, TokenUser User);

public sealed record TokenUser(long Id, string Username, string? Name, bool Bot);

public sealed record HookView(string Owner, long OwnerId, long HookId);

/// <summary>What a person does in GitLab's UI to point a webhook at the connector.</summary>
public sealed record WebhookInstructions(
    string WebhookUrl, string SecretToken, string? SigningToken, IReadOnlyList<string> Events, IReadOnlyList<string> TriggerBoxes, IReadOnlyList<string> Steps);

/// <summary>A connection as <c>GET</c> shows it: never the token, never a secret.</summary>
public sealed record ConnectionView(
    string Id,
    string Name,
    [property: JsonPropertyName("gitlabUrl")] string GitLabUrl,
    string WebhookUrl,
    string Status,
    IReadOnlyList<string> Events,
    string Signing,
    bool Healthy,
    string? HealthReason,
    IReadOnlyList<HookView> Hooks,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int? ParkedEvents,
    TokenStatus? TokenStatus,
    DateTimeOffset? SecretOverlapEndsAt,
    bool PrivateCa);

public sealed record ConnectionList(IReadOnlyList<ConnectionView> Connections);

/// <summary><c>POST /api/connections/{id}/test</c>: the token checked against GitLab just now.</summary>
public sealed record ConnectionTestResult(
    string ConnectionId, bool Ok, bool Reachable, double? LatencyMs, string? Error, TokenSummary? Token, int? DaysLeft, IReadOnlyList<string> Warnings, DateTimeOffset CheckedAt);

public sealed record TokenReplaced(string ConnectionId, TokenSummary Token, IReadOnlyList<string> Warnings, int Redriven);

public sealed record SecretRotated(
    string ConnectionId, string WebhookSecret, string? SigningToken, DateTimeOffset PreviousSecretValidUntil, IReadOnlyList<HookView> HooksUpdated, IReadOnlyList<HookFailure> HooksNotUpdated);

/// <summary><c>PUT</c>/<c>DELETE /api/connections/{id}/ca-certificate</c>: whether GitLab's certificate is now checked against the connection's own CA.</summary>
public sealed record CaCertificateChanged(string ConnectionId, bool PrivateCa);

public sealed record HookFailure(string Owner, long OwnerId, long HookId, string Reason);

public sealed record UserMapReplaced(string ConnectionId, int Count);

public sealed record ConnectionDisconnected(string ConnectionId, string Status, IReadOnlyList<HookView> HooksDeleted, IReadOnlyList<HookFailure> HooksNotDeleted);

public sealed record DeadLetterList(IReadOnlyList<DeadLetter> Items);

public sealed record DeadLettersReplayed(string? ConnectionId, int Replayed);

/// <summary><c>202</c> of <c>POST /api/connections/{id}/sync</c>.</summary>
public sealed record SyncStarted(string SyncId, string Status, DateTimeOffset Since);

/// <summary><c>GET /api/connections/{id}/sync/{syncId}</c>.</summary>
public sealed record SyncStatus(
    string SyncId,
    string ConnectionId,
    string Status,
    DateTimeOffset Since,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<long>? Projects,
    Sync.SyncCounts Counts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error);
