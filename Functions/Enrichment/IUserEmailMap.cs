namespace GitLabConnector.Enrichment;

/// <summary>
/// Admin-provided GitLab user id → email (SPEC §5 <c>PUT /api/connections/{id}/user-map</c>), used when GitLab hides
/// an email (<c>[REDACTED]</c> or absent). Implementations answer null for unknown users and must be cheap to call.
/// </summary>
public interface IUserEmailMap
{
    Task<string?> GetEmailAsync(string connectionId, long gitlabUserId, CancellationToken cancellationToken);
}

/// <summary>No map configured: emails stay as GitLab shows them.</summary>
public sealed class NullUserEmailMap : IUserEmailMap
{
    public Task<string?> GetEmailAsync(string connectionId, long gitlabUserId, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
