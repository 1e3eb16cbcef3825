using Azure.Data.Tables;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitLabConnector.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableLeaseStoreTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _clock = new();
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly TableServiceClient _tables = azurite.CreateTableServiceClient();

    private TableLeaseStore NewStore(string table) => new(_tables, _clock, NullLogger<TableLeaseStore>.Instance, table);

    [Fact]
    public async Task First_owner_acquires_and_a_second_owner_is_refused_while_it_is_valid()
    {
        var store = NewStore(AzuriteFixture.NewTableName("lease"));

        var lease = await store.TryAcquireAsync("timer", "instance-a", Duration, _ct);
        var contender = await store.TryAcquireAsync("timer", "instance-b", Duration, _ct);

        Assert.NotNull(lease);
        Assert.Equal("instance-a", lease.Owner);
        Assert.Equal(_clock.GetUtcNow() + Duration, lease.ExpiresAt);
        Assert.Null(contender);
    }

    [Fact]
    public async Task Concurrent_acquirers_produce_exactly_one_winner()
    {
        var store = NewStore(AzuriteFixture.NewTableName("lease"));
        await store.TryAcquireAsync("warmup", "x", Duration, _ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.TryAcquireAsync("race", $"owner-{i}", Duration, _ct)));

        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task Expired_lease_can_be_taken_and_the_old_owner_can_no_longer_renew()
    {
        var store = NewStore(AzuriteFixture.NewTableName("lease"));
        var old = await store.TryAcquireAsync("rotation", "instance-a", Duration, _ct);

        _clock.Advance(Duration + TimeSpan.FromSeconds(1));
        var taken = await store.TryAcquireAsync("rotation", "instance-b", Duration, _ct);
        var renewed = await store.RenewAsync(old!, Duration, _ct);

        Assert.NotNull(taken);
        Assert.Equal("instance-b", taken.Owner);
        Assert.False(renewed);
    }

    [Fact]
    public async Task Renewal_extends_the_lease_repeatedly_past_its_original_expiry()
    {
        var store = NewStore(AzuriteFixture.NewTableName("lease"));
        var lease = await store.TryAcquireAsync("timer", "instance-a", Duration, _ct);

        _clock.Advance(TimeSpan.FromSeconds(50));
        var first = await store.RenewAsync(lease!, Duration, _ct);
        _clock.Advance(TimeSpan.FromSeconds(50));
        var second = await store.RenewAsync(lease!, Duration, _ct);
        _clock.Advance(TimeSpan.FromSeconds(50));
        var contender = await store.TryAcquireAsync("timer", "instance-b", Duration, _ct);

        Assert.True(first);
        Assert.True(second);
        Assert.Null(contender);
    }

    [Fact]
    public async Task Released_lease_is_immediately_available_to_another_owner()
    {
        var store = NewStore(AzuriteFixture.NewTableName("lease"));
        var lease = await store.TryAcquireAsync("timer", "instance-a", Duration, _ct);

        await store.ReleaseAsync(lease!, _ct);
        var next = await store.TryAcquireAsync("timer", "instance-b", Duration, _ct);

        Assert.NotNull(next);
        Assert.False(await store.RenewAsync(lease!, Duration, _ct));
    }

    [Fact]
    public async Task Releasing_a_lease_someone_else_took_leaves_theirs_alone()
    {
        var store = NewStore(AzuriteFixture.NewTableName("lease"));
        var old = await store.TryAcquireAsync("timer", "instance-a", Duration, _ct);
        _clock.Advance(Duration * 2);
        var current = await store.TryAcquireAsync("timer", "instance-b", Duration, _ct);

        await store.ReleaseAsync(old!, _ct);

        Assert.Null(await store.TryAcquireAsync("timer", "instance-c", Duration, _ct));
        Assert.True(await store.RenewAsync(current!, Duration, _ct));
    }

    [Fact]
    public async Task Same_owner_reacquiring_its_valid_lease_succeeds()
    {
        var store = NewStore(AzuriteFixture.NewTableName("lease"));
        await store.TryAcquireAsync("timer", "instance-a", Duration, _ct);

        Assert.NotNull(await store.TryAcquireAsync("timer", "instance-a", Duration, _ct));
    }
}
