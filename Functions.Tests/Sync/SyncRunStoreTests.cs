using GitLabConnector.Sync;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Sync;

/// <summary>The sync runs table against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SyncRunStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_is_ended_once_when_its_last_pages_finish_at_the_same_time()
    {
        var store = new SyncRunStore(azurite.CreateTableServiceClient());
        var now = DateTimeOffset.UtcNow;
        var run = new SyncRun($"s{Guid.NewGuid():N}", $"c{Guid.NewGuid():N}", SyncRun.Running, now.AddDays(-1), now, SyncKinds.All, null, StartedAt: now);
        await store.SaveAsync(run, default);
        await store.RecordProgressAsync(run.ConnectionId, run.SyncId, now, default);

        var ended = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.TryEndAsync(run with { Status = SyncRun.Done, FinishedAt = now }, default)));
        var late = await store.TryEndAsync(run with { Status = SyncRun.Failed, FinishedAt = now, Error = "late" }, default);

        Assert.Equal(1, ended.Count(e => e));
        Assert.False(late);
        var stored = await store.GetAsync(run.ConnectionId, run.SyncId, default);
        Assert.Equal(SyncRun.Done, stored!.Status);
        Assert.Null(stored.Error);
        Assert.Equal(now, stored.LastProgressAt);
    }
}
