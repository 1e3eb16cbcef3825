namespace GitLabConnector.Enrichment;

/// <summary>Events whose token was refused (401 twice) wait here, not burning retries, until the token is fixed and they are re-driven.</summary>
public interface IParkedEvents
{
    Task<int> CountAsync(string connectionId, CancellationToken cancellationToken);

    Task<int> RedriveAsync(string connectionId, CancellationToken cancellationToken);
}
