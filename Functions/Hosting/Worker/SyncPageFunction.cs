using Azure.Storage.Queues.Models;
using GitLabConnector.Sync;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

/// <summary><c>sync-page</c>: one page of sync work. A failure throws, so the host retries it after host.json's <c>visibilityTimeout</c>.</summary>
public sealed class SyncPageFunction(SyncPageWorker worker)
{
    [Function(FunctionNames.SyncPage)]
    public Task RunAsync(
        [QueueTrigger(FunctionNames.SyncQueueBinding, Connection = FunctionNames.StorageConnection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return worker.ProcessAsync(message.MessageId, message.Body.ToString(), message.DequeueCount, cancellationToken);
    }
}
