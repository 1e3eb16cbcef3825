namespace GitLabConnector.Tokens;

/// <summary>Persisted token status per connection (a table), so restarts do not re-alert.</summary>
public interface ITokenStatusStore
{
    Task<TokenStatus?> GetAsync(string connectionId, CancellationToken cancellationToken);

    /// <summary>Writes the status; with an ETag, only if unchanged since read.</summary>
    Task<TokenStatus> SaveAsync(TokenStatus status, CancellationToken cancellationToken);
}
