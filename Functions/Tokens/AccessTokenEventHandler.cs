using System.Text.Json;
using GitLabConnector.Enrichment;

namespace GitLabConnector.Tokens;

/// <summary>Enrichment's hand-off for <c>Resource Access Token Hook</c> events: re-check that connection's token now.</summary>
public sealed class AccessTokenEventHandler(TokenMonitor monitor) : IAccessTokenEventHandler
{
    public Task HandleAsync(string connectionId, JsonElement payload, CancellationToken cancellationToken) =>
        monitor.HandleAccessTokenEventAsync(connectionId, payload, cancellationToken);
}
