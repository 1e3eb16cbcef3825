namespace GitLabConnector.Enrichment;

/// <summary>Receives GitLab's Resource Access Token Hook events (object_kind <c>access_token</c>) for the token lifecycle.</summary>
public interface IAccessTokenEventHandler
{
    Task HandleAsync(string connectionId, JsonElement payload, CancellationToken cancellationToken);
}
