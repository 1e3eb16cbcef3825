namespace GitLabConnector.Webhooks;

/// <summary><c>POST /api/webhooks/gitlab/{connectionId}</c>.</summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api) => api;
}
