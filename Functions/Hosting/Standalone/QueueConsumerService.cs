using GitLabConnector.Storage;

namespace GitLabConnector.Hosting.Standalone;

/// <summary>
/// Standalone mode: runs a <see cref="QueueConsumer"/> for every registered <see cref="QueueBinding"/>.
/// On shutdown it stops receiving and lets in-flight handlers finish until the host's shutdown timeout,
/// then hands unfinished messages back to the queue.
/// </summary>
internal sealed class QueueConsumerService(
    IEnumerable<QueueBinding> bindings,
    IQueueService queues,
    IOptions<QueueOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using (cancellationToken.Register(_abort.Cancel))
        {
            await base.StopAsync(CancellationToken.None);
        }
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(bindings.Select(function =>
    {
        var consumer = new QueueConsumer(function, queues, options.Value, time, loggers.CreateLogger<QueueConsumer>());
        return Task.Run(() => consumer.RunAsync(stoppingToken, _abort.Token), CancellationToken.None);
    }));
}
