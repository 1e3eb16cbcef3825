namespace GitLabConnector.Tokens;

/// <summary>Persisted, so restarts do not re-alert.</summary>
public interface ITokenStatusStore
{
    Task<TokenStatus?> GetAsync(string connectionId, CancellationToken cancellationToken);

    /// <summary>With an ETag, only if unchanged since read.</summary>
    Task<TokenStatus> SaveAsync(TokenStatus status, CancellationToken cancellationToken);
}
