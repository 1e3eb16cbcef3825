using GitLabConnector.Connections;

namespace GitLabConnector.Admin;

/// <summary>The connection an admin route acts on: unknown ends the request with 404, disconnected with 409.</summary>
internal static class ActiveConnectionLookup
{
    /// <summary>Throws <see cref="AdminProblemException"/> (answered by <see cref="AdminDependencyFilter"/> as the problem it carries).</summary>
    public static async Task<ConnectionRecord> RequireActiveAsync(this IConnectionStore store, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) switch
        {
            null => throw new AdminProblemException(AdminProblems.NotFound(id)),
            { Status: not ConnectionStatus.Active } => throw new AdminProblemException(AdminProblems.Disconnected(id)),
            var record => record,
        };
}
