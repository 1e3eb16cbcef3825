using GitLabConnector.Storage;

namespace GitLabConnector.Hosting.Standalone;

/// <summary>
/// Standalone mode's stand-in for the Functions queue trigger, with the same semantics (AZURE.md §4): receive up to
/// BatchSize messages and run them in parallel, keep each invisible while its handler runs, delete on success,
/// make it visible again after RetryDelay on failure, and after MaxDequeueCount attempts put the original text
/// on <c>&lt;queue&gt;-poison</c>. Delivery is at-least-once.
/// </summary>
public sealed class QueueConsumer
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly QueueBinding _function;
    private readonly IQueueService _queues;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _queue;
    private readonly string _poisonQueue;

    public QueueConsumer(QueueBinding function, IQueueService queues, QueueOptions options, TimeProvider time, ILogger<QueueConsumer> logger)
    {
        ArgumentNullException.ThrowIfNull(function);
        _function = function;
        _queues = queues;
        _options = options;
        _time = time;
        _logger = logger;
        _queue = function.QueueName;
        _poisonQueue = QueueNames.Poison(function.QueueName);
    }

    /// <summary>
    /// Consumes until <paramref name="stoppingToken"/> is cancelled, then waits for in-flight handlers.
    /// If <paramref name="abortToken"/> fires first, unfinished messages are made visible again at once.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken, CancellationToken abortToken)
    {
        if (!await EnsureQueuesAsync(stoppingToken))
        {
            return;
        }

        HostingLog.ConsumerStarted(_logger, _function.FunctionName, _queue);
        var batchSize = _options.BatchSize;
        using var slots = new SemaphoreSlim(batchSize, batchSize);
        var inFlight = new HashSet<Task>();
        var delay = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var take = 1;
            while (take < batchSize && slots.Wait(0))
            {
                take++;
            }

            IReadOnlyList<QueueMessage> messages;
            try
            {
                messages = await _queues.ReceiveMessagesAsync(_queue, take, _options.VisibilityTimeout, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                slots.Release(take);
                break;
            }
            catch (Exception ex)
            {
                slots.Release(take);
                delay = NextDelay(delay);
                HostingLog.ReceiveFailed(_logger, ex, _queue, delay);
                await DelayAsync(delay, stoppingToken);
                continue;
            }

            if (messages.Count < take)
            {
                slots.Release(take - messages.Count);
            }

            if (messages.Count == 0)
            {
                delay = NextDelay(delay);
                await DelayAsync(delay, stoppingToken);
                continue;
            }

            delay = MinPollingInterval;
            foreach (var message in messages)
            {
                var task = ProcessAsync(message, abortToken);
                lock (inFlight)
                {
                    inFlight.Add(task);
                }

                _ = task.ContinueWith(
                    done =>
                    {
                        lock (inFlight)
                        {
                            inFlight.Remove(done);
                        }

                        slots.Release();
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }

        Task[] remaining;
        lock (inFlight)
        {
            remaining = [.. inFlight];
        }

        await Task.WhenAll(remaining);
        HostingLog.ConsumerStopped(_logger, _function.FunctionName);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken abortToken)
    {
        // Never throws: every outcome settles the message or leaves it to reappear by itself.
        await Task.Yield();
        var state = new InFlightMessage(message.PopReceipt ?? string.Empty);
        if (message.DequeueCount > _options.MaxDequeueCount)
        {
            // Attempts that ended without settling (a crash) still count, as with the Functions host.
            await PoisonAsync(message, state, new InvalidOperationException("dequeue count exceeded before processing"));
            return;
        }

        using var handlerCancellation = CancellationTokenSource.CreateLinkedTokenSource(abortToken);
        using var renewalStop = new CancellationTokenSource();
        var renewal = RenewVisibilityAsync(message, state, renewalStop.Token, abortToken);
        var handler = Task.Run(() => _function.HandleAsync(message, handlerCancellation.Token), CancellationToken.None);

        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (abortToken.Register(() => aborted.TrySetResult()))
        {
            await Task.WhenAny(handler, aborted.Task);
        }

        await renewalStop.CancelAsync();
        await renewal;

        if (!handler.IsCompleted || (abortToken.IsCancellationRequested && handler.IsCanceled))
        {
            // Shutdown deadline passed: hand the message back now rather than after its visibility timeout.
            await handlerCancellation.CancelAsync();
            _ = handler.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            await SettleAsync(message, () => _queues.UpdateMessageAsync(_queue, message.MessageId, state.PopReceipt, TimeSpan.Zero, null, CancellationToken.None));
            HostingLog.MessageReleased(_logger, _function.FunctionName, message.MessageId);
            return;
        }

        if (handler.IsCompletedSuccessfully)
        {
            await SettleAsync(message, () => _queues.DeleteMessageAsync(_queue, message.MessageId, state.PopReceipt, CancellationToken.None));
            return;
        }

        var error = handler.Exception?.GetBaseException() ?? new OperationCanceledException("handler was cancelled");
        if (message.DequeueCount >= _options.MaxDequeueCount)
        {
            await PoisonAsync(message, state, error);
            return;
        }

        HostingLog.MessageFailed(_logger, error, _function.FunctionName, message.MessageId, message.DequeueCount, _options.MaxDequeueCount, _options.RetryDelay);
        await SettleAsync(message, () => _queues.UpdateMessageAsync(_queue, message.MessageId, state.PopReceipt, _options.RetryDelay, null, CancellationToken.None));
    }

    private async Task PoisonAsync(QueueMessage message, InFlightMessage state, Exception error)
    {
        HostingLog.MessagePoisoned(_logger, error, _function.FunctionName, message.MessageId, message.DequeueCount, _poisonQueue);
        await SettleAsync(message, async () =>
        {
            await _queues.SendMessageAsync(_poisonQueue, message.MessageText, null, CancellationToken.None);
            await _queues.DeleteMessageAsync(_queue, message.MessageId, state.PopReceipt, CancellationToken.None);
        });
    }

    /// <summary>Extends visibility every VisibilityTimeout/2 until stopped; an update already sent is awaited so its pop receipt is kept.</summary>
    private async Task RenewVisibilityAsync(QueueMessage message, InFlightMessage state, CancellationToken stop, CancellationToken abortToken)
    {
        var interval = _options.VisibilityTimeout / 2;
        while (true)
        {
            try
            {
                await Task.Delay(interval, _time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var receipt = await _queues.UpdateMessageAsync(_queue, message.MessageId, state.PopReceipt, _options.VisibilityTimeout, null, abortToken);
                state.PopReceipt = receipt.PopReceipt;
            }
            catch (OperationCanceledException) when (abortToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                HostingLog.VisibilityRenewalFailed(_logger, ex, _queue, message.MessageId);
            }
        }
    }

    // Settling runs to completion even during shutdown (CancellationToken.None above): cancelling it half-way
    // could lose the new pop receipt and turn a finished message into a duplicate.
    private async Task SettleAsync(QueueMessage message, Func<Task> settle)
    {
        try
        {
            await settle();
        }
        catch (Exception ex)
        {
            HostingLog.SettleFailed(_logger, ex, _queue, message.MessageId);
        }
    }

    private async Task<bool> EnsureQueuesAsync(CancellationToken stoppingToken)
    {
        var delay = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _queues.CreateQueueIfNotExistsAsync(_queue, stoppingToken);
                await _queues.CreateQueueIfNotExistsAsync(_poisonQueue, stoppingToken);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                delay = NextDelay(delay);
                HostingLog.ReceiveFailed(_logger, ex, _queue, delay);
                await DelayAsync(delay, stoppingToken);
            }
        }

        return false;
    }

    private TimeSpan NextDelay(TimeSpan current)
    {
        var doubled = current * 2;
        return doubled > _options.MaxPollingInterval ? _options.MaxPollingInterval : doubled;
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the consumer.
        }
    }

    private sealed class InFlightMessage(string popReceipt)
    {
        private string _popReceipt = popReceipt;

        public string PopReceipt
        {
            get => Volatile.Read(ref _popReceipt);
            set => Volatile.Write(ref _popReceipt, value);
        }
    }
}
