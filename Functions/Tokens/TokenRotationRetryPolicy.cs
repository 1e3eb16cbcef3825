namespace GitLabConnector.Tokens;

/// <summary>Writing a rotated token: one attempt plus one per delay. Only the write is retried, never the rotate call.</summary>
public sealed class TokenRotationRetryPolicy
{
    public IReadOnlyList<TimeSpan> PersistDelays { get; init; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    /// <summary>Covers the rotate call, the writes and the check.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);
}
