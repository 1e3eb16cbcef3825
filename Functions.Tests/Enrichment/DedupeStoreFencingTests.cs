using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Enrichment;

[Collection(AzuriteCollection.Name)]
public sealed class DedupeStoreFencingTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private DedupeStore Store() => new(azurite.CreateTableService(), _clock, Options.Create(new EnrichmentOptions()));

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

        Assert.Null(await store.FenceAsync(connection, "evt-1", first.ETag!, default));
        Assert.NotNull(await store.FenceAsync(connection, "evt-1", second.ETag!, default));
    }

    [Fact]
    public async Task A_claim_being_published_is_not_taken_by_another_copy_while_its_lease_lasts()
    {
        var store = Store();
        var connection = "c" + Guid.NewGuid().ToString("N")[..10];
        var claim = await store.TryClaimAsync(connection, "evt-2", "evt-2", "message-a", default);
        Assert.NotNull(await store.FenceAsync(connection, "evt-2", claim.ETag!, default));

        var copy = await store.TryClaimAsync(connection, "evt-2", "evt-2", "message-b", default);

        Assert.Equal(ClaimOutcome.InProgressElsewhere, copy.Outcome);
        Assert.NotNull(copy.LeaseUntil);
    }

    [Fact]
    public async Task Renewal_with_a_stale_etag_reports_the_claim_lost()
    {
        var store = Store();
        var connection = "c" + Guid.NewGuid().ToString("N")[..10];
        var claim = await store.TryClaimAsync(connection, "evt-3", "evt-3", "message-a", default);
        var renewed = await store.RenewAsync(connection, "evt-3", claim.ETag!, default);

        Assert.NotNull(renewed);
        Assert.Null(await store.RenewAsync(connection, "evt-3", claim.ETag!, default));
    }
}
