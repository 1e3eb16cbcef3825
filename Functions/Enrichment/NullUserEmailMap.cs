namespace GitLabConnector.Enrichment;

/// <summary>No admin-provided emails: used until the table-backed map is registered.</summary>
public sealed class NullUserEmailMap : IUserEmailMap
{
    public Task<string?> GetEmailAsync(string connectionId, long gitlabUserId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task ReplaceAsync(string connectionId, IReadOnlyDictionary<long, string> emails, CancellationToken cancellationToken) =>
        throw new NotSupportedException("no user email map store is registered");
}
