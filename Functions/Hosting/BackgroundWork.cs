namespace GitLabConnector.Hosting;

/// <summary>The capability knows no host; <see cref="BackgroundService"/> runs it beside the start-up, never in its way.</summary>
public sealed class BackgroundWork<TWork>(TWork work, Func<TWork, CancellationToken, Task> run) : BackgroundService
    where TWork : notnull
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => run(work, stoppingToken);
}
