using System.Net;
using System.Text.Json;
using GitLabConnector.Storage;
using GitLabConnector.Sync;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Sync;

/// <summary>
/// A sync that finishes no page for <c>Connector:Sync:StallAfter</c> (its messages lost) no longer blocks the connection:
/// the next start, by the admin or the timer, fails it as stalled and starts anew; one that progresses keeps its 409.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StalledSyncTests(AzuriteFixture azurite)
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_sync_whose_page_was_lost_is_failed_as_stalled_and_replaced_by_the_next_start()
    {
        await using var host = await StartAsync();
        var stalled = await host.StartSyncAsync();
        var queues = host.Pipeline.App.Get<IQueueService>();
        var lost = Assert.Single(await queues.ReceiveMessagesAsync(host.SyncQueue, 1, TimeSpan.FromMinutes(1), default));
        await queues.DeleteMessageAsync(host.SyncQueue, lost.MessageId, lost.PopReceipt!, default);

        _clock.Advance(TimeSpan.FromMinutes(59));
        using (var early = await host.PostSyncAsync())
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        await host.Pipeline.App.Get<ScheduledSync>().RunAsync(default);

        var failed = await host.StatusAsync(stalled);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.StartsWith("stalled: no page finished for 61 minutes", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        var replacement = (await host.Pipeline.App.Get<SyncRunStore>().GetCurrentAsync(host.Pipeline.ConnectionId, default)).SyncId;
        Assert.NotEqual(stalled, replacement);
        Assert.Equal(0, await host.WorkPagesAsync());
        Assert.Equal("done", (await host.StatusAsync(replacement!)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_sync_that_finished_a_page_within_the_limit_still_answers_409_and_stalls_only_a_limit_after_that_page()
    {
        await using var host = await StartAsync();
        host.Pipeline.GitLab.State.AddProject(1);
        var running = await host.StartSyncAsync(new { projects = new[] { 1 }, kinds = new[] { "issue", "merge_request" } });

        _clock.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(0, await host.WorkPagesAsync(maxPages: 1));
        _clock.Advance(TimeSpan.FromMinutes(50));
        using (var conflict = await host.PostSyncAsync())
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            using var problem = JsonDocument.Parse(await conflict.Content.ReadAsStringAsync());
            Assert.Contains(running, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("running", (await host.StatusAsync(running)).GetProperty("status").GetString());

        _clock.Advance(TimeSpan.FromMinutes(11));
        var next = await host.StartSyncAsync();
        Assert.NotEqual(running, next);
        var failed = await host.StatusAsync(running);
        Assert.Equal(("failed", true), (failed.GetProperty("status").GetString(), failed.GetProperty("error").GetString()!.StartsWith("stalled: no page finished for 61 minutes", StringComparison.Ordinal)));
    }

    /// <summary>Only the sync starter and page worker read the test's clock: the rest of the host keeps real time.</summary>
    private Task<SyncTestHost> StartAsync() => SyncTestHost.StartAsync(
        azurite,
        services: s =>
        {
            s.AddSingleton(sp => ActivatorUtilities.CreateInstance<SyncStarter>(sp, (TimeProvider)_clock));
            s.AddSingleton(sp => ActivatorUtilities.CreateInstance<SyncPageWorker>(sp, (TimeProvider)_clock));
        });
}
