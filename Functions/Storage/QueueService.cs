using Azure.Storage.Queues;

namespace GitLabConnector.Storage;

/// <summary><see cref="IQueueService"/> over a <see cref="QueueServiceClient"/> built with base64 encoding, so text is passed decoded.</summary>
public sealed class QueueService(QueueServiceClient service) : IQueueService
{
    // Accepted events never expire; they are deleted only once handled (or parked).
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public async Task CreateQueueIfNotExistsAsync(string queueName, CancellationToken cancellationToken) =>
        await Queue(queueName).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<QueueMessageReceipt> SendMessageAsync(string queueName, string messageText, TimeSpan? visibilityDelay, CancellationToken cancellationToken)
    {
        var delay = visibilityDelay is { } d && d > TimeSpan.Zero ? Seconds(d) : (TimeSpan?)null;
        var receipt = (await Queue(queueName).SendMessageAsync(messageText, delay, NeverExpires, cancellationToken).ConfigureAwait(false)).Value;
        return new QueueMessageReceipt(receipt.MessageId, receipt.PopReceipt, receipt.TimeNextVisible);
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var visibility = Seconds(visibilityTimeout < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : visibilityTimeout);
        var messages = (await Queue(queueName).ReceiveMessagesAsync(maxMessages, visibility, cancellationToken).ConfigureAwait(false)).Value;
        return messages.Select(m => new QueueMessage(m.MessageId, m.PopReceipt, m.DequeueCount, m.InsertedOn, m.NextVisibleOn, m.Body.ToString())).ToList();
    }

    public async Task<IReadOnlyList<QueueMessage>> PeekMessagesAsync(string queueName, int maxMessages, CancellationToken cancellationToken)
    {
        var messages = (await Queue(queueName).PeekMessagesAsync(maxMessages, cancellationToken).ConfigureAwait(false)).Value;
        return messages.Select(m => new QueueMessage(m.MessageId, null, m.DequeueCount, m.InsertedOn, null, m.Body.ToString())).ToList();
    }

    public async Task DeleteMessageAsync(string queueName, string messageId, string popReceipt, CancellationToken cancellationToken) =>
        await Queue(queueName).DeleteMessageAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false);

    public async Task<QueueMessageReceipt> UpdateMessageAsync(string queueName, string messageId, string popReceipt, TimeSpan visibilityTimeout, string? newMessageText, CancellationToken cancellationToken)
    {
        var receipt = (await Queue(queueName).UpdateMessageAsync(messageId, popReceipt, newMessageText, Seconds(visibilityTimeout), cancellationToken).ConfigureAwait(false)).Value;
        return new QueueMessageReceipt(messageId, receipt.PopReceipt, receipt.NextVisibleOn);
    }

    public async Task<int> GetApproximateMessageCountAsync(string queueName, CancellationToken cancellationToken) =>
        (await Queue(queueName).GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;

    private QueueClient Queue(string queueName) => service.GetQueueClient(queueName);

    // The service counts whole seconds; rounding up never makes a message visible early.
    private static TimeSpan Seconds(TimeSpan value) => TimeSpan.FromSeconds(Math.Ceiling(value.TotalSeconds));
}
