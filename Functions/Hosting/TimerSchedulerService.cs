using GitLabConnector.Storage;

namespace GitLabConnector.Hosting;

/// <summary>Standalone mode: runs a <see cref="TimerScheduler"/> for every registered <see cref="ITimerFunction"/>.</summary>
internal sealed class TimerSchedulerService(
    FunctionRegistry registry,
    IServiceProvider services,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    /// <summary>Identifies this process as a lease owner.</summary>
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (registry.TimerFunctions.Count == 0)
        {
            return Task.CompletedTask;
        }

        var leases = services.GetRequiredService<ILeaseStore>();
        return Task.WhenAll(registry.TimerFunctions.Select(function =>
        {
            var scheduler = new TimerScheduler(function, leases, time, loggers.CreateLogger<TimerScheduler>(), _owner);
            return Task.Run(() => scheduler.RunAsync(stoppingToken), CancellationToken.None);
        }));
    }
}
