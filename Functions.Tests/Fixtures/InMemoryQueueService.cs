using Azure;
using GitLabConnector.Storage;

namespace GitLabConnector.Tests.Fixtures;

/// <summary>
/// An <see cref="IQueueService"/> in memory with storage-queue semantics: receiving hides a message for the
/// visibility timeout and bumps its dequeue count; delete and update need the latest pop receipt.
/// </summary>
public sealed class InMemoryQueueService(TimeProvider time) : IQueueService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StoredMessage>> _queues = new(StringComparer.Ordinal);
    private readonly List<UpdateCall> _updates = [];

    public InMemoryQueueService()
        : this(TimeProvider.System)
    {
    }

    public IReadOnlyList<UpdateCall> Updates
    {
        get
        {
            lock (_gate)
            {
                return [.. _updates];
            }
        }
    }

    public IReadOnlyCollection<string> QueueNames
    {
        get
        {
            lock (_gate)
            {
                return [.. _queues.Keys];
            }
        }
    }

    /// <summary>Every message in the queue, visible or not.</summary>
    public IReadOnlyList<QueueMessage> Snapshot(string queueName)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(queueName, out var messages) ? [.. messages.Select(m => m.ToMessage(null))] : [];
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
            var now = time.GetUtcNow();
            var message = new StoredMessage(Guid.NewGuid().ToString(), messageText, now) { VisibleAt = now + (visibilityDelay ?? TimeSpan.Zero), PopReceipt = NewReceipt() };
            Queue(queueName).Add(message);
            return Task.FromResult(new QueueMessageReceipt(message.Id, message.PopReceipt, message.VisibleAt));
        }
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var received = new List<QueueMessage>();
            foreach (var message in Queue(queueName).Where(m => m.VisibleAt <= now).Take(maxMessages))
            {
                message.DequeueCount++;
                message.PopReceipt = NewReceipt();
                message.VisibleAt = now + visibilityTimeout;
                received.Add(message.ToMessage(message.PopReceipt));
            }

            return Task.FromResult<IReadOnlyList<QueueMessage>>(received);
        }
    }

    public Task<IReadOnlyList<QueueMessage>> PeekMessagesAsync(string queueName, int maxMessages, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            return Task.FromResult<IReadOnlyList<QueueMessage>>([.. Queue(queueName).Where(m => m.VisibleAt <= now).Take(maxMessages).Select(m => m.ToMessage(null))]);
        }
    }

    public Task DeleteMessageAsync(string queueName, string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var message = Find(queueName, messageId, popReceipt);
            Queue(queueName).Remove(message);
            return Task.CompletedTask;
        }
    }

    public Task<QueueMessageReceipt> UpdateMessageAsync(string queueName, string messageId, string popReceipt, TimeSpan visibilityTimeout, string? newMessageText, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var message = Find(queueName, messageId, popReceipt);
            message.VisibleAt = time.GetUtcNow() + visibilityTimeout;
            message.PopReceipt = NewReceipt();
            if (newMessageText is not null)
            {
                message.Text = newMessageText;
            }

            _updates.Add(new UpdateCall(queueName, messageId, visibilityTimeout));
            return Task.FromResult(new QueueMessageReceipt(message.Id, message.PopReceipt, message.VisibleAt));
        }
    }

    public Task<int> GetApproximateMessageCountAsync(string queueName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Queue(queueName).Count);
        }
    }

    private List<StoredMessage> Queue(string queueName) =>
        _queues.TryGetValue(queueName, out var messages)
            ? messages
            : throw new RequestFailedException(404, $"queue {queueName} does not exist", "QueueNotFound", null);

    private StoredMessage Find(string queueName, string messageId, string popReceipt)
    {
        var message = Queue(queueName).FirstOrDefault(m => m.Id == messageId)
            ?? throw new RequestFailedException(404, $"message {messageId} not found", "MessageNotFound", null);
        return message.PopReceipt == popReceipt
            ? message
            : throw new RequestFailedException(400, "pop receipt does not match", "PopReceiptMismatch", null);
    }

    private static string NewReceipt() => Guid.NewGuid().ToString("N");

    public sealed record UpdateCall(string QueueName, string MessageId, TimeSpan VisibilityTimeout);

    private sealed class StoredMessage(string id, string text, DateTimeOffset insertedAt)
    {
        public string Id { get; } = id;

        public string Text { get; set; } = text;

        public long DequeueCount { get; set; }

        public DateTimeOffset VisibleAt { get; set; }

        public string PopReceipt { get; set; } = string.Empty;

        public QueueMessage ToMessage(string? popReceipt) => new(Id, popReceipt, DequeueCount, insertedAt, VisibleAt, Text);
    }
}
