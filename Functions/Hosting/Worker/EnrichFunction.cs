using Azure.Storage.Queues.Models;
using GitLabConnector.Enrichment;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

/// <summary>
/// <c>enrich</c>: one queued event. A failure throws, so the host makes the message visible again after host.json's
/// <c>visibilityTimeout</c> and moves it to <c>&lt;queue&gt;-poison</c> after <c>maxDequeueCount</c>.
/// </summary>
public sealed class EnrichFunction(EnrichmentProcessor processor)
{
    [Function(FunctionNames.Enrich)]
    public Task RunAsync(
        [QueueTrigger(FunctionNames.EventsQueueBinding, Connection = FunctionNames.StorageConnection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return processor.ProcessAsync(new EnrichmentMessage(message.MessageId, message.Body.ToString(), message.DequeueCount), cancellationToken);
    }
}
