namespace GitLabConnector.Storage;

public static class QueueReachability
{
    /// <summary>Reaches the queue service through <paramref name="queueName"/>; a queue not created yet (404) proves it answers all the same.</summary>
    public static async Task ReachAsync(this IQueueService queues, string queueName, CancellationToken cancellationToken)
    {
        try
        {
            await queues.GetApproximateMessageCountAsync(queueName, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Queues are created on first use.
        }
    }
}
