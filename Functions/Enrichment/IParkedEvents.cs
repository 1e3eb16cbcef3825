namespace GitLabConnector.Enrichment;

/// <summary>
/// Events parked because the connection's token was refused (401 twice): they wait here instead of burning retries
/// into the poison queue, and are re-driven once the token is fixed (replaced via the admin API or rotated in Key Vault).
/// </summary>
public interface IParkedEvents
{
    Task<int> CountAsync(string connectionId, CancellationToken cancellationToken);

    /// <summary>Puts a connection's parked events back on the events queue; returns how many.</summary>
    Task<int> RedriveAsync(string connectionId, CancellationToken cancellationToken);
}
