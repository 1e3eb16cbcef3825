using GitLabConnector.Connections;

namespace GitLabConnector.Sync;

/// <summary>
/// Work the <c>sync</c> timer does for every active connection besides pulling what changed — checking the hooks the
/// connector knows about, for one. Implementations live with their capability; the timer knows only this.
/// </summary>
public interface IScheduledConnectionCheck
{
    Task RunAsync(ConnectionRecord connection, CancellationToken cancellationToken);
}
