using GitLabConnector.Hosting;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Enrichment;

/// <summary>The <c>enrich</c> queue function on <c>Connector:Queues:Events</c>.</summary>
public sealed class EnrichFunction(EnrichmentProcessor processor, IOptions<ConnectorOptions> options) : IQueueFunction
{
    public const string Name = "enrich";

    public string FunctionName => Name;

    public string QueueName => options.Value.Queues.Events;

    public string QueueNameSetting => "Connector:Queues:Events";

    public Task HandleAsync(QueueTriggerMessage message, CancellationToken cancellationToken) => processor.ProcessAsync(message, cancellationToken);
}
