using System.Collections.Concurrent;
using Azure;
using GitLabConnector.Hosting.Standalone;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace GitLabConnector.Tests.Hosting;

public sealed class QueueConsumerTests : IAsyncDisposable
{
    private const string Queue = "test-events";

    private readonly InMemoryQueueService _queues = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly QueueOptions _options = new()
    {
        MaxDequeueCount = 3,
        // Long enough that no test depends on a renewal arriving in time; the renewal test drives a manual clock.
        VisibilityTimeout = TimeSpan.FromSeconds(5),
        RetryDelay = TimeSpan.FromMilliseconds(20),
        MaxPollingInterval = TimeSpan.FromMilliseconds(20),
        BatchSize = 4,
    };

    private Task? _run;

    [Fact]
    public async Task Creates_the_queue_and_its_poison_queue()
    {
        Start(new ScriptedFunction((_, _) => Task.CompletedTask));
        await Eventually.TrueAsync(() => _queues.QueueNames.Count == 2, "queues created");
        Assert.Equal([Queue, Queue + "-poison"], _queues.QueueNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_queue_is_logged_once_with_its_exception_and_its_recovery_once()
    {
        var queues = Substitute.For<IQueueService>();
        var calls = 0;
        queues.ReceiveMessagesAsync(Queue, Arg.Any<int>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>()).Returns(_ =>
            Interlocked.Increment(ref calls) <= 20
                ? throw new RequestFailedException(0, "Storage is unreachable")
                : Task.FromResult<IReadOnlyList<QueueMessage>>([]));
        using var logs = new InMemoryLoggerProvider();
        using var factory = logs.CreateFactory();
        var function = new ScriptedFunction((_, _) => Task.CompletedTask);
        _run = new QueueConsumer(function.Binding, queues, _options, TimeProvider.System, factory.CreateLogger<QueueConsumer>()).RunAsync(_stopping.Token, _abort.Token);

        await Eventually.TrueAsync(() => logs.Entries.Any(e => e.EventId.Id == 1319), "recovery logged");

        var failed = Assert.Single(logs.Entries, e => e.EventId.Id == 1312);
        Assert.Contains("Storage is unreachable", failed.Exception, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id == 1318);
        Assert.Contains("after 20 failed attempts", Assert.Single(logs.Entries, e => e.EventId.Id == 1319).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Processed_message_is_deleted()
    {
        var function = new ScriptedFunction((_, _) => Task.CompletedTask);
        await SeedAsync("""{"n":1}""");
        Start(function);

        await Eventually.TrueAsync(() => _queues.Snapshot(Queue).Count == 0, "message deleted");
        var attempt = Assert.Single(function.Attempts);
        Assert.Equal("""{"n":1}""", attempt.MessageText);
        Assert.Equal(1, attempt.DequeueCount);
    }

    [Fact]
    public async Task Failed_message_becomes_visible_after_the_retry_delay_and_is_retried()
    {
        var function = new ScriptedFunction((message, _) =>
            message.DequeueCount == 1 ? throw new InvalidOperationException("transient") : Task.CompletedTask);
        await SeedAsync("retry me");
        Start(function);

        await Eventually.TrueAsync(() => _queues.Snapshot(Queue).Count == 0, "message processed on retry");
        Assert.Equal([1L, 2L], function.Attempts.Select(a => a.DequeueCount));
        Assert.All(function.Attempts, a => Assert.Equal("retry me", a.MessageText));
        Assert.Contains(_queues.Updates, u => u.QueueName == Queue && u.VisibilityTimeout == _options.RetryDelay);
        Assert.Empty(_queues.Snapshot(Queue + "-poison"));
    }

    [Fact]
    public async Task Message_failing_max_dequeue_count_times_moves_to_poison_with_its_original_text()
    {
        var original = """{"kind":"push","text":"ünïcode \"quoted\""}""";
        var function = new ScriptedFunction((_, _) => throw new InvalidOperationException("always"));
        await SeedAsync(original);
        Start(function);

        await Eventually.TrueAsync(() => _queues.Snapshot(Queue + "-poison").Count == 1, "message poisoned");
        await Eventually.TrueAsync(() => _queues.Snapshot(Queue).Count == 0, "original deleted");
        Assert.Equal(original, Assert.Single(_queues.Snapshot(Queue + "-poison")).MessageText);
        Assert.Equal([1L, 2L, 3L], function.Attempts.Select(a => a.DequeueCount));
    }

    [Fact]
    public async Task Slow_handler_keeps_its_message_invisible_and_it_is_processed_once()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var queues = new InMemoryQueueService(time);
        await queues.CreateQueueIfNotExistsAsync(Queue, CancellationToken.None);
        await queues.SendMessageAsync(Queue, "slow", null, CancellationToken.None);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var function = new ScriptedFunction((_, ct) => release.Task.WaitAsync(ct));
        _run = new QueueConsumer(function.Binding, queues, _options, time, NullLogger<QueueConsumer>.Instance).RunAsync(_stopping.Token, _abort.Token);
        await Eventually.TrueAsync(() => function.Running == 1, "handler running");

        // Three half-timeouts take the handler well past the first visibility timeout.
        var half = _options.VisibilityTimeout / 2;
        for (var renewal = 1; renewal <= 3; renewal++)
        {
            var due = time.GetUtcNow() + half;
            await Eventually.TrueAsync(() => time.HasTimerDueAt(due), $"renewal {renewal} scheduled");
            time.SetUtcNow(due);
            await Eventually.TrueAsync(() => queues.Updates.Count == renewal, $"visibility extended {renewal} times");
            var message = Assert.Single(queues.Snapshot(Queue));
            Assert.True(message.NextVisibleTime > time.GetUtcNow(), "message stays invisible while its handler runs");
        }

        Assert.All(queues.Updates, u => Assert.Equal(_options.VisibilityTimeout, u.VisibilityTimeout));
        release.SetResult();
        await Eventually.TrueAsync(() => queues.Snapshot(Queue).Count == 0, "slow message deleted");
        Assert.Single(function.Attempts);
    }

    [Fact]
    public async Task Runs_a_batch_of_messages_in_parallel_up_to_batch_size()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var function = new ScriptedFunction((_, ct) => release.Task.WaitAsync(ct));
        for (var i = 0; i < 6; i++)
        {
            await SeedAsync($"m{i}");
        }

        Start(function);
        await Eventually.TrueAsync(() => function.Attempts.Count == _options.BatchSize, "a full batch running");
        Assert.Equal(_options.BatchSize, function.Running);

        release.SetResult();
        await Eventually.TrueAsync(() => _queues.Snapshot(Queue).Count == 0, "all processed");
        Assert.Equal(6, function.Attempts.Count);
    }

    [Fact]
    public async Task Stopping_lets_in_flight_handlers_finish_and_deletes_their_messages()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var function = new ScriptedFunction((_, _) => release.Task);
        await SeedAsync("in flight");
        Start(function);
        await Eventually.TrueAsync(() => function.Running == 1, "handler running");

        await _stopping.CancelAsync();
        Assert.False(_run!.IsCompleted);
        release.SetResult();
        await _run;

        Assert.Empty(_queues.Snapshot(Queue));
    }

    [Fact]
    public async Task Shutdown_deadline_releases_unfinished_messages_at_once()
    {
        // A handler that ignores cancellation: the consumer must not wait for it past the deadline.
        var never = new TaskCompletionSource();
        var function = new ScriptedFunction((_, _) => never.Task);
        await SeedAsync("unfinished");
        Start(function);
        await Eventually.TrueAsync(() => function.Running == 1, "handler running");

        await _stopping.CancelAsync();
        await _abort.CancelAsync();
        await _run!;

        var message = Assert.Single(_queues.Snapshot(Queue));
        Assert.Equal("unfinished", message.MessageText);
        Assert.True(message.NextVisibleTime <= DateTimeOffset.UtcNow, "released message is visible again");
        Assert.Contains(_queues.Updates, u => u.VisibilityTimeout == TimeSpan.Zero);
        Assert.Empty(_queues.Snapshot(Queue + "-poison"));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _abort.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }

        _stopping.Dispose();
        _abort.Dispose();
    }

    private async Task SeedAsync(string text)
    {
        await _queues.CreateQueueIfNotExistsAsync(Queue, CancellationToken.None);
        await _queues.SendMessageAsync(Queue, text, null, CancellationToken.None);
    }

    private void Start(ScriptedFunction function)
    {
        var consumer = new QueueConsumer(function.Binding, _queues, _options, TimeProvider.System, NullLogger<QueueConsumer>.Instance);
        _run = consumer.RunAsync(_stopping.Token, _abort.Token);
    }

    private sealed class ScriptedFunction(Func<QueueMessage, CancellationToken, Task> handle)
    {
        private readonly ConcurrentQueue<QueueMessage> _attempts = new();
        private int _running;

        public IReadOnlyCollection<QueueMessage> Attempts => _attempts;

        public int Running => Volatile.Read(ref _running);

        public QueueBinding Binding => new("test-consumer", Queue, HandleAsync);

        private async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
        {
            _attempts.Enqueue(message);
            Interlocked.Increment(ref _running);
            try
            {
                await handle(message, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }
}
