namespace GitLabConnector.Sync;

/// <summary>One sync of one connection: what it pulls from when, and where it stands.</summary>
/// <param name="RequestedAt">When it was asked for: the connection's watermark once a full sync is done.</param>
/// <param name="Projects">The projects asked for; null for every project the token can see.</param>
/// <param name="LastProgressAt">When its last page finished.</param>
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

    /// <summary>When it last moved: a page finished, else its first page started, else it was asked for.</summary>
    public DateTimeOffset LastMovedAt => LastProgressAt ?? StartedAt ?? RequestedAt;

    /// <summary>Every project and kind: only such a sync moves the connection's watermark.</summary>
    public bool IsFull => Projects is null && SyncKinds.All.All(Kinds.Contains);
}
