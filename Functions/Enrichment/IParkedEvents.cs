namespace GitLabConnector.Enrichment;

/// <summary>
/// Events whose token was refused (401 twice) wait here instead of burning retries into the poison queue, until the
/// token is fixed (replaced via the admin API or rotated in Key Vault) and they are re-driven.
/// </summary>
public interface IParkedEvents
{
    Task<int> CountAsync(string connectionId, CancellationToken cancellationToken);

    Task<int> RedriveAsync(string connectionId, CancellationToken cancellationToken);
}
