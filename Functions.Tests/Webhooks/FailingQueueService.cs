using Azure;
using GitLabConnector.Storage;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>
/// The real queue service, except that sends (and the health probe) fail as if storage could not be reached —
/// status 0, what the storage clients throw on connection refused or timeout.
/// </summary>
internal sealed class FailingQueueService(IQueueService inner) : IQueueService
{
    public int SendAttempts => Volatile.Read(ref _sendAttempts);

    private int _sendAttempts;

    public Task CreateQueueIfNotExistsAsync(string queueName, CancellationToken cancellationToken) => throw Unreachable();

    public Task<QueueMessageReceipt> SendMessageAsync(string queueName, string messageText, TimeSpan? visibilityDelay, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sendAttempts);
        throw Unreachable();
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        inner.ReceiveMessagesAsync(queueName, maxMessages, visibilityTimeout, cancellationToken);

    public Task<IReadOnlyList<QueueMessage>> PeekMessagesAsync(string queueName, int maxMessages, CancellationToken cancellationToken) =>
        inner.PeekMessagesAsync(queueName, maxMessages, cancellationToken);

    public Task DeleteMessageAsync(string queueName, string messageId, string popReceipt, CancellationToken cancellationToken) =>
        inner.DeleteMessageAsync(queueName, messageId, popReceipt, cancellationToken);

    public Task<QueueMessageReceipt> UpdateMessageAsync(string queueName, string messageId, string popReceipt, TimeSpan visibilityTimeout, string? newMessageText, CancellationToken cancellationToken) =>
        inner.UpdateMessageAsync(queueName, messageId, popReceipt, visibilityTimeout, newMessageText, cancellationToken);

    public Task<int> GetApproximateMessageCountAsync(string queueName, CancellationToken cancellationToken) => throw Unreachable();

    private static RequestFailedException Unreachable() => new(0, "Connection refused (simulated storage outage)", null, null);
}
