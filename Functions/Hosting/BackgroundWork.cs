namespace GitLabConnector.Hosting;

/// <summary>
/// Runs a capability's background work as a hosted service of either host: the capability exposes a plain
/// <c>RunAsync(CancellationToken)</c> and knows no host; <see cref="BackgroundService"/> runs it on the thread pool
/// beside the start-up, never in its way.
/// </summary>
public sealed class BackgroundWork<TWork>(TWork work, Func<TWork, CancellationToken, Task> run) : BackgroundService
    where TWork : notnull
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => run(work, stoppingToken);
}
