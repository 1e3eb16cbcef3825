using GitLabConnector.Storage;

namespace GitLabConnector.Sync;

/// <summary>Sends sync work: a page is recorded as pending before its message goes out, so the sync cannot look finished while it is queued.</summary>
public sealed class SyncQueue(IQueueService queues, SyncPageStore pages, IOptions<QueueOptions> options)
{
    public async Task SendAsync(SyncPageMessage message, CancellationToken cancellationToken)
    {
        await pages.AddPendingAsync(message.SyncId, message.PageKey, cancellationToken).ConfigureAwait(false);
        await queues.SendCreatingQueueAsync(options.Value.Sync, JsonSerializer.Serialize(message, SyncJsonContext.Default.SyncPageMessage), cancellationToken).ConfigureAwait(false);
    }
}
