using GitLabConnector.Connections;

namespace GitLabConnector.Admin;

/// <summary>The connection an admin route acts on: unknown is 404, disconnected is 409.</summary>
internal static class ActiveConnectionLookup
{
    public static async Task<(ConnectionRecord? Record, ProblemHttpResult? Problem)> GetActiveAsync(this IConnectionStore store, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) switch
        {
            null => (null, AdminProblems.NotFound(id)),
            { Status: not ConnectionStatus.Active } => (null, AdminProblems.Disconnected(id)),
            var record => (record, null),
        };
}
