using System.Net;
using GitLabConnector.Connections;
using GitLabConnector.Sync;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Sync;

[Collection(AzuriteCollection.Name)]
public sealed class ScheduledSyncTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_timer_syncs_every_active_connection_and_runs_every_check_even_after_one_fails()
    {
        var failing = new RecordingCheck(fail: true);
        var recording = new RecordingCheck(fail: false);
        await using var host = await SyncTestHost.StartAsync(azurite, services: s =>
        {
            s.AddSingleton<IScheduledConnectionCheck>(failing);
            s.AddSingleton<IScheduledConnectionCheck>(recording);
        });

        await host.Pipeline.App.Get<ScheduledSync>().RunAsync(default);

        Assert.Contains(host.Pipeline.ConnectionId, failing.Connections);
        Assert.Contains(host.Pipeline.ConnectionId, recording.Connections);
        using var manual = await host.PostSyncAsync();
        Assert.Equal(HttpStatusCode.Conflict, manual.StatusCode);

        // The next run finds that sync still running: no second one, the checks still run.
        await host.Pipeline.App.Get<ScheduledSync>().RunAsync(default);
        Assert.Equal(2, recording.Connections.Count(c => c == host.Pipeline.ConnectionId));
    }

    private sealed class RecordingCheck(bool fail) : IScheduledConnectionCheck
    {
        public List<string> Connections { get; } = [];

        public Task RunAsync(ConnectionRecord connection, CancellationToken cancellationToken)
        {
            Connections.Add(connection.Id);
            return fail ? throw new InvalidOperationException("check broke") : Task.CompletedTask;
        }
    }
}
