using GitLabConnector.Connections;

namespace GitLabConnector.Sync;

/// <summary>Other work of the <c>sync</c> timer per active connection (hook checks, say), so the timer knows no other capability.</summary>
public interface IScheduledConnectionCheck
{
    Task RunAsync(ConnectionRecord connection, CancellationToken cancellationToken);
}
