namespace GitLabConnector.Enrichment;

/// <summary>Admin-provided GitLab user id → email mapping per connection (GitLab hides most emails).</summary>
public interface IUserEmailMap
{
    Task<string?> GetEmailAsync(string connectionId, long gitlabUserId, CancellationToken cancellationToken);

    Task ReplaceAsync(string connectionId, IReadOnlyDictionary<long, string> emails, CancellationToken cancellationToken);
}
