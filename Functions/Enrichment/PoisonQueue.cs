using GitLabConnector.Storage;

namespace GitLabConnector.Enrichment;

/// <summary>The events queue's <c>-poison</c> queue (same name the Functions host uses).</summary>
public sealed class PoisonQueue(IQueueService queues, IOptions<QueueOptions> options)
{
    public string Name => QueueNames.Poison(options.Value.Events);

    public Task SendAsync(string messageText, CancellationToken cancellationToken) =>
        queues.SendCreatingQueueAsync(Name, messageText, cancellationToken);
}
