using Azure;
using GitLabConnector.Storage;

namespace GitLabConnector.Tests.Tokens;

/// <summary>Records sent messages; sending to a queue not yet created fails with 404 like the service.</summary>
public sealed class RecordingQueueService : IQueueService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<string>> _queues = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Messages(string queue)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(queue, out var m) ? [.. m] : [];
        }
    }

    public Task CreateQueueIfNotExistsAsync(string queueName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _queues.TryAdd(queueName, []);
        }

        return Task.CompletedTask;
    }

    public Task<QueueMessageReceipt> SendMessageAsync(string queueName, string messageText, TimeSpan? visibilityDelay, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(queueName, out var messages))
            {
                throw new RequestFailedException(404, "no queue", "QueueNotFound", null);
            }

            messages.Add(messageText);
            return Task.FromResult(new QueueMessageReceipt(Guid.NewGuid().ToString(), "pop", null));
        }
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<QueueMessage>> PeekMessagesAsync(string queueName, int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteMessageAsync(string queueName, string messageId, string popReceipt, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<QueueMessageReceipt> UpdateMessageAsync(string queueName, string messageId, string popReceipt, TimeSpan visibilityTimeout, string? newMessageText, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> GetApproximateMessageCountAsync(string queueName, CancellationToken cancellationToken) => throw new NotSupportedException();
}
