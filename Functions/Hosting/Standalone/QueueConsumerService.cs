using GitLabConnector.Storage;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Hosting.Standalone;

/// <summary>
/// Standalone mode: runs a <see cref="QueueConsumer"/> for every registered <see cref="QueueBinding"/>.
/// On shutdown it stops receiving and lets in-flight handlers finish until the host's shutdown timeout,
/// then hands unfinished messages back to the queue.
/// </summary>
internal sealed class QueueConsumerService(
    IEnumerable<QueueBinding> bindings,
    IServiceProvider services,
    IOptions<QueueOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly List<Task> _consumers = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var functions = bindings.ToList();
        if (functions.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Resolved only when there is something to consume, so an app without queue functions needs no storage.
        var queues = services.GetRequiredService<IQueueService>();
        foreach (var function in functions)
        {
            var consumer = new QueueConsumer(function, queues, options.Value, time, loggers.CreateLogger<QueueConsumer>());
            _consumers.Add(Task.Run(() => consumer.RunAsync(_stopping.Token, _abort.Token), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        var all = Task.WhenAll(_consumers);
        var deadline = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(() => deadline.TrySetResult()))
        {
            await Task.WhenAny(all, deadline.Task);
        }

        if (!all.IsCompleted)
        {
            await _abort.CancelAsync();
            await all;
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
    }
}
