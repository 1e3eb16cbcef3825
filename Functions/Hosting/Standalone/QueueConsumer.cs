using GitLabConnector.Storage;

namespace GitLabConnector.Hosting.Standalone;

/// <summary>
/// Standalone mode's stand-in for the Functions queue trigger, with the same semantics (AZURE.md §4): receive up to
/// BatchSize messages and run them in parallel, keep each invisible while its handler runs, delete on success,
/// make it visible again after RetryDelay on failure, and after MaxDequeueCount attempts put the original text
/// on <c>&lt;queue&gt;-poison</c>. Delivery is at-least-once.
/// </summary>
public sealed class QueueConsumer(QueueBinding function, IQueueService queues, QueueOptions options, TimeProvider time, ILogger<QueueConsumer> logger)
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    // While storage is down the consumer polls every few seconds: one line with the exception, then a summary a minute.
    private static readonly TimeSpan OutageReportInterval = TimeSpan.FromMinutes(1);

    private readonly string _queue = function.QueueName;
    private readonly string _poisonQueue = QueueNames.Poison(function.QueueName);

    /// <summary>Consumes until <paramref name="stoppingToken"/>, then waits for in-flight handlers; after <paramref name="abortToken"/> it hands them back at once.</summary>
    public async Task RunAsync(CancellationToken stoppingToken, CancellationToken abortToken)
    {
        HostingLog.ConsumerStarted(logger, function.FunctionName, _queue);
        var queuesExist = false;
        var batchSize = options.BatchSize;
        using var slots = new SemaphoreSlim(batchSize, batchSize);
        var inFlight = new List<Task>();
        var delay = MinPollingInterval;
        var failures = 0;
        DateTimeOffset failingSince = default, lastReported = default;
        while (!stoppingToken.IsCancellationRequested)
        {
            await slots.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            var take = 1;
            while (take < batchSize && slots.Wait(0))
            {
                take++;
            }

            IReadOnlyList<QueueMessage> messages = [];
            try
            {
                if (!queuesExist)
                {
                    await queues.CreateQueueIfNotExistsAsync(_queue, stoppingToken);
                    await queues.CreateQueueIfNotExistsAsync(_poisonQueue, stoppingToken);
                    queuesExist = true;
                }

                messages = await queues.ReceiveMessagesAsync(_queue, take, options.VisibilityTimeout, stoppingToken);
                if (failures > 0)
                {
                    HostingLog.ReceiveRecovered(logger, _queue, failures, time.GetUtcNow() - failingSince);
                    failures = 0;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                slots.Release(take);
                break;
            }
            catch (Exception ex)
            {
                var now = time.GetUtcNow();
                if (failures++ == 0)
                {
                    failingSince = lastReported = now;
                    HostingLog.ReceiveFailed(logger, ex, _queue, NextDelay(delay));
                }
                else if (now - lastReported >= OutageReportInterval)
                {
                    lastReported = now;
                    HostingLog.ReceiveStillFailing(logger, _queue, failures, failingSince, ex.Message);
                }
            }

            if (messages.Count < take)
            {
                slots.Release(take - messages.Count);
            }

            if (messages.Count == 0)
            {
                // Nothing to do, or the queue service failed: back off up to MaxPollingInterval.
                delay = NextDelay(delay);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            delay = MinPollingInterval;
            inFlight.RemoveAll(task => task.IsCompleted);
            inFlight.AddRange(messages.Select(message => ProcessAsync(message, slots, abortToken)));
        }

        await Task.WhenAll(inFlight);
        HostingLog.ConsumerStopped(logger, function.FunctionName);
    }

    /// <summary>Never throws: every outcome settles the message or leaves it to reappear by itself. Frees its slot when done.</summary>
    private async Task ProcessAsync(QueueMessage message, SemaphoreSlim slots, CancellationToken abortToken)
    {
        await Task.Yield();
        try
        {
            await HandleAsync(message, abortToken);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken abortToken)
    {
        if (message.DequeueCount > options.MaxDequeueCount)
        {
            // Attempts that ended without settling (a crash) still count, as with the Functions host.
            await PoisonAsync(message, message.PopReceipt ?? string.Empty, new InvalidOperationException("dequeue count exceeded before processing"));
            return;
        }

        using var handlerCancellation = CancellationTokenSource.CreateLinkedTokenSource(abortToken);
        var renewals = new PeriodicTimer(options.VisibilityTimeout / 2, time);
        var renewal = RenewVisibilityAsync(message, renewals, abortToken);
        var handler = Task.Run(() => function.HandleAsync(message, handlerCancellation.Token), CancellationToken.None);
        await handler.WaitAsync(abortToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        renewals.Dispose();
        var receipt = await renewal;

        if (!handler.IsCompleted || (abortToken.IsCancellationRequested && handler.IsCanceled))
        {
            // Shutdown deadline passed: hand the message back now rather than after its visibility timeout.
            await handlerCancellation.CancelAsync();
            _ = handler.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            await SettleAsync(message, () => queues.UpdateMessageAsync(_queue, message.MessageId, receipt, TimeSpan.Zero, null, CancellationToken.None));
            HostingLog.MessageReleased(logger, function.FunctionName, message.MessageId);
            return;
        }

        if (handler.IsCompletedSuccessfully)
        {
            await SettleAsync(message, () => queues.DeleteMessageAsync(_queue, message.MessageId, receipt, CancellationToken.None));
            return;
        }

        var error = handler.Exception?.GetBaseException() ?? new OperationCanceledException("handler was cancelled");
        if (message.DequeueCount >= options.MaxDequeueCount)
        {
            await PoisonAsync(message, receipt, error);
            return;
        }

        HostingLog.MessageFailed(logger, error, function.FunctionName, message.MessageId, message.DequeueCount, options.MaxDequeueCount, options.RetryDelay);
        await SettleAsync(message, () => queues.UpdateMessageAsync(_queue, message.MessageId, receipt, options.RetryDelay, null, CancellationToken.None));
    }

    private async Task PoisonAsync(QueueMessage message, string receipt, Exception error)
    {
        HostingLog.MessagePoisoned(logger, error, function.FunctionName, message.MessageId, message.DequeueCount, _poisonQueue);
        await SettleAsync(message, async () =>
        {
            await queues.SendMessageAsync(_poisonQueue, message.MessageText, null, CancellationToken.None);
            await queues.DeleteMessageAsync(_queue, message.MessageId, receipt, CancellationToken.None);
        });
    }

    /// <summary>Extends visibility at each tick until the timer is disposed; returns the latest pop receipt.</summary>
    private async Task<string> RenewVisibilityAsync(QueueMessage message, PeriodicTimer ticks, CancellationToken abortToken)
    {
        var receipt = message.PopReceipt ?? string.Empty;
        while (await ticks.WaitForNextTickAsync(CancellationToken.None))
        {
            try
            {
                receipt = (await queues.UpdateMessageAsync(_queue, message.MessageId, receipt, options.VisibilityTimeout, null, abortToken)).PopReceipt;
            }
            catch (OperationCanceledException) when (abortToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                HostingLog.VisibilityRenewalFailed(logger, ex, _queue, message.MessageId);
            }
        }

        return receipt;
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
            HostingLog.SettleFailed(logger, ex, _queue, message.MessageId);
        }
    }

    private TimeSpan NextDelay(TimeSpan current) => current * 2 > options.MaxPollingInterval ? options.MaxPollingInterval : current * 2;
}
