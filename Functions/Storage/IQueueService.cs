namespace GitLabConnector.Storage;

/// <summary>
/// The queue operations the connector needs. Message text is base64-encoded on the wire (what the
/// Functions queue trigger expects); callers pass and receive the decoded UTF-8 text.
/// </summary>
public interface IQueueService
{
    /// <summary>Largest decoded message text (bytes of UTF-8) that fits the 64 KiB queue limit once base64-encoded.</summary>
    const int MaxMessageBytes = 48 * 1024;

    Task CreateQueueIfNotExistsAsync(string queueName, CancellationToken cancellationToken);

    Task<QueueMessageReceipt> SendMessageAsync(string queueName, string messageText, TimeSpan? visibilityDelay, CancellationToken cancellationToken);

    Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task<IReadOnlyList<QueueMessage>> PeekMessagesAsync(string queueName, int maxMessages, CancellationToken cancellationToken);

    Task DeleteMessageAsync(string queueName, string messageId, string popReceipt, CancellationToken cancellationToken);

    /// <summary>Changes visibility (and optionally the text); returns the new pop receipt.</summary>
    Task<QueueMessageReceipt> UpdateMessageAsync(string queueName, string messageId, string popReceipt, TimeSpan visibilityTimeout, string? newMessageText, CancellationToken cancellationToken);

    Task<int> GetApproximateMessageCountAsync(string queueName, CancellationToken cancellationToken);
}

/// <summary>A received or peeked message; <see cref="PopReceipt"/> is null for peeked ones.</summary>
public sealed record QueueMessage(
    string MessageId,
    string? PopReceipt,
    long DequeueCount,
    DateTimeOffset? InsertionTime,
    DateTimeOffset? NextVisibleTime,
    string MessageText);

public sealed record QueueMessageReceipt(string MessageId, string PopReceipt, DateTimeOffset? NextVisibleTime);
