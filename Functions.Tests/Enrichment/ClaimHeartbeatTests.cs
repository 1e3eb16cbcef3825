using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Enrichment;

[Collection(AzuriteCollection.Name)]
public sealed class ClaimHeartbeatTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_fenced_claim_is_renewed_until_disposed_so_a_slow_publish_outlasts_its_lease()
    {
        // The shortest lease allowed: the heartbeat's delays run on real timers (renewal every second).
        var store = new DedupeStore(azurite.CreateTableServiceClient(), _clock, Options.Create(new EnrichmentOptions { ClaimLease = TimeSpan.FromSeconds(3) }));
        var connection = "c" + Guid.NewGuid().ToString("N")[..10];
        var claim = await store.TryClaimAsync(connection, "evt-hb", "evt-hb", "message-a", default);
        await using (var heartbeat = new ClaimHeartbeat(store, _clock, connection, "evt-hb", claim.Token!, default))
        {
            Assert.NotNull(await heartbeat.FenceAsync());

            // The publish takes twice the lease; each renewal extends the lease from the (fake) time it runs at.
            for (var second = 0; second < 6; second++)
            {
                var before = await LeaseUntilAsync(connection, "evt-hb");
                _clock.Advance(TimeSpan.FromSeconds(1));
                await WaitUntilAsync(async () => await LeaseUntilAsync(connection, "evt-hb") > before);
            }

            Assert.Equal(ClaimOutcome.InProgressElsewhere, (await store.TryClaimAsync(connection, "evt-hb", "evt-hb", "message-b", default)).Outcome);
        }

        // Disposed (the worker is gone): the lease lapses and another copy may take the event over.
        _clock.Advance(store.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(ClaimOutcome.Claimed, (await store.TryClaimAsync(connection, "evt-hb", "evt-hb", "message-b", default)).Outcome);
    }

    private async Task<DateTimeOffset?> LeaseUntilAsync(string connection, string dedupeKey) =>
        (await azurite.CreateTableServiceClient().GetTableClient(DedupeStore.TableName)
            .GetEntityAsync<Azure.Data.Tables.TableEntity>(connection, DedupeStore.RowKey(dedupeKey))).Value.GetDateTimeOffset("LeaseUntil");

    // The renewal runs on the heartbeat's own task.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 400 && !await condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(await condition());
    }
}
