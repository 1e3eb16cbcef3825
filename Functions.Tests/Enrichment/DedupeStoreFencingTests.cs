using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Enrichment;

[Collection(AzuriteCollection.Name)]
public sealed class DedupeStoreFencingTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private DedupeStore Store() => new(azurite.CreateTableServiceClient(), _clock, Options.Create(new EnrichmentOptions()));

    [Fact]
    public async Task A_worker_whose_claim_was_taken_over_cannot_fence_and_so_does_not_publish()
    {
        var store = Store();
        var connection = "c" + Guid.NewGuid().ToString("N")[..10];
        var first = await store.TryClaimAsync(connection, "evt-1", "evt-1", "message-a", default);
        Assert.Equal(ClaimOutcome.Claimed, first.Outcome);

        // The first worker stalls past its lease; a second copy takes the claim over.
        _clock.Advance(store.Lease + TimeSpan.FromSeconds(1));
        var second = await store.TryClaimAsync(connection, "evt-1", "evt-1", "message-b", default);
        Assert.Equal(ClaimOutcome.Claimed, second.Outcome);

        Assert.Null(await store.FenceAsync(connection, "evt-1", first.Token!, default));
        Assert.NotNull(await store.FenceAsync(connection, "evt-1", second.Token!, default));
    }

    [Fact]
    public async Task A_claim_being_published_is_not_taken_by_another_copy_while_its_lease_lasts()
    {
        var store = Store();
        var connection = "c" + Guid.NewGuid().ToString("N")[..10];
        var claim = await store.TryClaimAsync(connection, "evt-2", "evt-2", "message-a", default);
        Assert.NotNull(await store.FenceAsync(connection, "evt-2", claim.Token!, default));

        var copy = await store.TryClaimAsync(connection, "evt-2", "evt-2", "message-b", default);

        Assert.Equal(ClaimOutcome.InProgressElsewhere, copy.Outcome);
        Assert.NotNull(copy.LeaseUntil);
    }

    [Fact]
    public async Task Renewal_after_a_takeover_reports_the_claim_lost()
    {
        var store = Store();
        var connection = "c" + Guid.NewGuid().ToString("N")[..10];
        var claim = await store.TryClaimAsync(connection, "evt-3", "evt-3", "message-a", default);
        var renewed = await store.RenewAsync(connection, "evt-3", claim.Token!, default);
        _clock.Advance(store.Lease + TimeSpan.FromSeconds(1));
        var takeover = await store.TryClaimAsync(connection, "evt-3", "evt-3", "message-b", default);

        Assert.NotNull(renewed);
        Assert.Equal(ClaimOutcome.Claimed, takeover.Outcome);
        Assert.Null(await store.RenewAsync(connection, "evt-3", renewed!, default));
    }

    [Fact]
    public async Task A_write_of_ours_that_landed_but_was_not_acknowledged_does_not_lose_the_claim()
    {
        // What an SDK retry after a timed-out (yet applied) renewal sees: 412 on the ETag the worker still holds.
        var store = Store();
        var connection = "c" + Guid.NewGuid().ToString("N")[..10];
        var claim = await store.TryClaimAsync(connection, "evt-4", "evt-4", "message-a", default);
        await store.RenewAsync(connection, "evt-4", claim.Token!, default);

        var fenced = await store.FenceAsync(connection, "evt-4", claim.Token!, default);
        var copy = await store.TryClaimAsync(connection, "evt-4", "evt-4", "message-b", default);

        Assert.NotNull(fenced);
        Assert.Equal(ClaimOutcome.InProgressElsewhere, copy.Outcome);
    }

    [Fact]
    public async Task Releasing_after_a_failure_never_reopens_an_event_marked_done()
    {
        var store = Store();
        var connection = "c" + Guid.NewGuid().ToString("N")[..10];
        await store.TryClaimAsync(connection, "evt-5", "evt-5", "message-a", default);
        await store.MarkDoneAsync(connection, "evt-5", "evt-5", null, default);

        await store.ReleaseAsync(connection, "evt-5", default);

        Assert.Equal(ClaimOutcome.AlreadyDone, (await store.TryClaimAsync(connection, "evt-5", "evt-5", "message-b", default)).Outcome);
    }
}
