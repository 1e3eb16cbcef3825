using Azure.Storage.Queues.Models;
using GitLabConnector.Sync;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

/// <summary>A failure throws: the host retries after host.json's <c>visibilityTimeout</c>.</summary>
public sealed class SyncPageFunction(SyncPageWorker worker)
{
    [Function(FunctionNames.SyncPage)]
    public Task RunAsync(
        [QueueTrigger(FunctionNames.SyncQueueBinding, Connection = FunctionNames.StorageConnection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        worker.ProcessAsync(message.MessageId, message.Body.ToString(), message.DequeueCount, cancellationToken);
}
