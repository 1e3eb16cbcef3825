namespace GitLabConnector.Enrichment;

/// <summary>Events that exhausted their retries (the <c>-poison</c> queue), with why they failed.</summary>
public interface IDeadLetters
{
    Task<IReadOnlyList<DeadLetter>> ListAsync(string? connectionId, int max, CancellationToken cancellationToken);

    /// <summary>Moves poison messages (all, or one connection's) back to the events queue; dedupe makes replay safe.</summary>
    Task<int> ReplayAsync(string? connectionId, CancellationToken cancellationToken);
}

public sealed record DeadLetter(string MessageId, string? EventId, string? ConnectionId, string? EventName, DateTimeOffset? InsertedAt, string? FailureReason);
