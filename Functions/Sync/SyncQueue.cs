using GitLabConnector.Storage;

namespace GitLabConnector.Sync;

/// <summary>A page is recorded as pending before its message goes out, so the sync cannot look finished while it is queued.</summary>
public sealed class SyncQueue(IQueueService queues, SyncPageStore pages, IOptions<QueueOptions> options)
{
    public async Task SendAsync(SyncPageMessage message, CancellationToken cancellationToken)
    {
        await pages.AddPendingAsync(message.SyncId, message.PageKey, cancellationToken).ConfigureAwait(false);
        await queues.SendCreatingQueueAsync(options.Value.Sync, Text(message), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the same page again once <paramref name="delay"/> has passed; it is still recorded as pending.</summary>
    public Task SendLaterAsync(SyncPageMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        queues.SendMessageAsync(options.Value.Sync, Text(message), delay, cancellationToken);

    private static string Text(SyncPageMessage message) => JsonSerializer.Serialize(message, SyncJsonContext.Default.SyncPageMessage);
}
