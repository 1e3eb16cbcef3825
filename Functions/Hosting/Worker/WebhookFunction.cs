using GitLabConnector.Webhooks;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

/// <summary>Anonymous: the connection's webhook secret or signature authenticates the delivery.</summary>
public sealed class WebhookFunction(WebhookIngestion ingestion)
{
    [Function(FunctionNames.Webhook)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/gitlab/{connectionId}")] HttpRequest request,
        string connectionId) =>
        ingestion.HandleAsync(request, connectionId);
}
