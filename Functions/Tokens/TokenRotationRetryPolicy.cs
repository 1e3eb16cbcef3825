namespace GitLabConnector.Tokens;

/// <summary>
/// How hard to try writing a freshly rotated token before falling back to holding it in memory: one attempt plus one per
/// delay. Only the write is retried — never the rotate call.
/// </summary>
public sealed class TokenRotationRetryPolicy
{
    public IReadOnlyList<TimeSpan> PersistDelays { get; init; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    /// <summary>How long the <c>rotate-{connectionId}</c> lease is held; covers the rotate call, the writes and the check.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);
}
