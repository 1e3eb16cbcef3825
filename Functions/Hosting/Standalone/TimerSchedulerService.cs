using GitLabConnector.Storage;

namespace GitLabConnector.Hosting.Standalone;

/// <summary>Standalone mode: runs a <see cref="TimerScheduler"/> for every registered <see cref="TimerBinding"/>.</summary>
internal sealed class TimerSchedulerService(IEnumerable<TimerBinding> bindings, ILeaseStore leases, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    private readonly string _owner = LeaseOwner.NewOwner();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(bindings.Select(function =>
    {
        var scheduler = new TimerScheduler(function, leases, time, loggers.CreateLogger<TimerScheduler>(), _owner);
        return Task.Run(() => scheduler.RunAsync(stoppingToken), CancellationToken.None);
    }));
}
