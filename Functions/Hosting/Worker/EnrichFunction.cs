using Azure.Storage.Queues.Models;
using GitLabConnector.Enrichment;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

/// <summary>A failure throws: the host retries after host.json's <c>visibilityTimeout</c>, then moves it to poison.</summary>
public sealed class EnrichFunction(EnrichmentProcessor processor)
{
    [Function(FunctionNames.Enrich)]
    public Task RunAsync(
        [QueueTrigger(FunctionNames.EventsQueueBinding, Connection = FunctionNames.StorageConnection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        processor.ProcessAsync(new EnrichmentMessage(message.MessageId, message.Body.ToString(), message.DequeueCount), cancellationToken);
}
