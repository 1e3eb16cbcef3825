namespace GitLabConnector.Sync;

/// <param name="RequestedAt">The connection's watermark once a full sync is done.</param>
/// <param name="Projects">Null for every project the token can see.</param>
public sealed record SyncRun(
    string SyncId,
    string ConnectionId,
    string Status,
    DateTimeOffset Since,
    DateTimeOffset RequestedAt,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<long>? Projects,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    string? Error = null,
    DateTimeOffset? LastProgressAt = null)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    public bool IsActive => Status is Queued or Running;

    public DateTimeOffset LastMovedAt => LastProgressAt ?? StartedAt ?? RequestedAt;

    /// <summary>Only a sync of every project and kind moves the connection's watermark.</summary>
    public bool IsFull => Projects is null && SyncKinds.All.All(Kinds.Contains);
}
