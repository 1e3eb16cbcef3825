namespace GitLabConnector.Webhooks;

/// <summary><c>POST /api/webhooks/gitlab/{connectionId}</c>, anonymous: the connection's secret authenticates.</summary>
public static class WebhookEndpoints
{
    public const string Route = "/webhooks/gitlab/{connectionId}";

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        api.MapPost(Route, (HttpRequest request, string connectionId, WebhookIngestion ingestion) => ingestion.HandleAsync(request, connectionId))
            .WithName("webhook");
        return api;
    }
}
