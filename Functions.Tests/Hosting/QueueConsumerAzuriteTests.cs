using System.Collections.Concurrent;
using Azure;
using GitLabConnector.Hosting.Standalone;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitLabConnector.Tests.Hosting;

/// <summary>The standalone consumer against real queue semantics (Azurite): retry, poison, and visibility renewal.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueConsumerAzuriteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly QueueService _queues = azurite.CreateQueueService();
    private readonly string _queue = AzuriteFixture.NewQueueName("hc");
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly QueueOptions _options = new()
    {
        MaxDequeueCount = 3,
        VisibilityTimeout = TimeSpan.FromSeconds(2),
        RetryDelay = TimeSpan.Zero,
        MaxPollingInterval = TimeSpan.FromMilliseconds(100),
        BatchSize = 4,
    };

    private Task? _run;

    [Fact]
    public async Task Failed_message_is_visible_again_and_retried_until_it_succeeds()
    {
        var function = new ScriptedFunction(_queue, (m, _) => m.DequeueCount < 2 ? throw new InvalidOperationException("transient") : Task.CompletedTask);
        await SeedAndStartAsync(function, """{"n":1}""");

        await Eventually.TrueAsync(() => function.Succeeded == 1, "processed on the second attempt");
        await Eventually.TrueAsync(() => Count(_queue) == 0, "message deleted");
        Assert.Equal([1L, 2L], function.Attempts.Select(a => a.DequeueCount));
        Assert.Equal(0, Count(QueueNames.Poison(_queue)));
    }

    [Fact]
    public async Task Message_failing_max_dequeue_count_times_lands_in_poison_with_its_original_body()
    {
        const string body = """{"kind":"merge_request","title":"Grüße \"quoted\" <&>"}""";
        var function = new ScriptedFunction(_queue, (_, _) => throw new InvalidOperationException("always"));
        await SeedAndStartAsync(function, body);

        await Eventually.TrueAsync(() => Count(QueueNames.Poison(_queue)) == 1, "message in poison queue");
        var poisoned = Assert.Single(await _queues.PeekMessagesAsync(QueueNames.Poison(_queue), 32, CancellationToken.None));
        Assert.Equal(body, poisoned.MessageText);
        Assert.Equal([1L, 2L, 3L], function.Attempts.Select(a => a.DequeueCount));
        await Eventually.TrueAsync(() => Count(_queue) == 0, "original deleted");
    }

    [Fact]
    public async Task Slow_handler_outliving_the_visibility_timeout_keeps_its_message_and_runs_once()
    {
        // The handler runs for well over two visibility timeouts; without renewal the message would reappear and run again.
        var function = new ScriptedFunction(_queue, (_, ct) => Task.Delay(_options.VisibilityTimeout * 2.5, ct));
        await SeedAndStartAsync(function, "slow");

        await Eventually.TrueAsync(() => function.Succeeded == 1, "slow handler finished");
        await Eventually.TrueAsync(() => Count(_queue) == 0, "message deleted");
        Assert.Single(function.Attempts);
        Assert.Equal(0, Count(QueueNames.Poison(_queue)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
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

    private async Task SeedAndStartAsync(ScriptedFunction function, string text)
    {
        await _queues.CreateQueueIfNotExistsAsync(_queue, CancellationToken.None);
        await _queues.SendMessageAsync(_queue, text, null, CancellationToken.None);
        _run = new QueueConsumer(function.Binding, _queues, _options, TimeProvider.System, NullLogger<QueueConsumer>.Instance).RunAsync(_stopping.Token, _abort.Token);
    }

    private int Count(string queue)
    {
        try
        {
            return _queues.GetApproximateMessageCountAsync(queue, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    private sealed class ScriptedFunction(string queue, Func<QueueMessage, CancellationToken, Task> handle)
    {
        private readonly ConcurrentQueue<QueueMessage> _attempts = new();
        private int _succeeded;

        public IReadOnlyCollection<QueueMessage> Attempts => _attempts;

        public int Succeeded => Volatile.Read(ref _succeeded);

        public QueueBinding Binding => new("test-azurite-consumer", queue, HandleAsync);

        private async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
        {
            _attempts.Enqueue(message);
            await handle(message, cancellationToken);
            Interlocked.Increment(ref _succeeded);
        }
    }
}
