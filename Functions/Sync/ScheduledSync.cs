using GitLabConnector.Connections;

namespace GitLabConnector.Sync;

/// <summary>The <c>sync</c> timer; one failing check does not stop the others.</summary>
public sealed class ScheduledSync(IConnectionStore connections, SyncStarter starter, IEnumerable<IScheduledConnectionCheck> checks, ILogger<ScheduledSync> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in (await connections.ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.Status == ConnectionStatus.Active))
        {
            var start = await starter.StartAsync(connection.Id, null, null, null, cancellationToken).ConfigureAwait(false);
            if (start.Run is null)
            {
                SyncLog.StillRunning(logger, connection.Id, start.RunningSyncId);
            }

            foreach (var check in checks)
            {
                try
                {
                    await check.RunAsync(connection, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    SyncLog.CheckFailed(logger, check.GetType().Name, connection.Id, e.Message);
                }
            }
        }
    }
}
