using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tokens;

namespace GitLabConnector.Tests.Tokens;

[Collection(AzuriteCollection.Name)]
public sealed class TableTokenStatusStoreTests(AzuriteFixture azurite)
{
    private readonly string _connectionId = "conn-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Round_trips_every_field()
    {
        var store = new TableTokenStatusStore(azurite.CreateTableServiceClient());
        var status = new TokenStatus
        {
            ConnectionId = _connectionId,
            Kind = "project",
            TokenId = 25,
            ResourceId = 7,
            Name = "connector",
            Scopes = ["api", "self_rotate"],
            ExpiresAt = new DateOnly(2026, 5, 14),
            DaysLeft = 3,
            LastCheckedAt = new DateTimeOffset(2026, 5, 11, 6, 0, 0, TimeSpan.Zero),
            SecretVersion = "abc",
            State = TokenStates.Expiring,
            LastAlertThreshold = 3,
            LastAlertState = null,
            RotationStartedAt = new DateTimeOffset(2026, 5, 11, 6, 0, 1, TimeSpan.Zero),
            RotationOwner = "host/pid-1/x",
            RotationFromVersion = "abc",
        };

        Assert.Null(await store.GetAsync(_connectionId, CancellationToken.None));
        var saved = await store.SaveAsync(status, CancellationToken.None);
        var read = await store.GetAsync(_connectionId, CancellationToken.None);

        Assert.NotNull(saved.ETag);
        Assert.Equal(saved.ETag, read!.ETag);
        Assert.Equal(status with { ETag = saved.ETag, Scopes = read.Scopes }, read);
        Assert.Equal(status.Scopes, read.Scopes);
    }

    [Fact]
    public async Task Stale_etag_or_second_insert_is_a_conflict()
    {
        var store = new TableTokenStatusStore(azurite.CreateTableServiceClient());
        var first = await store.SaveAsync(new TokenStatus { ConnectionId = _connectionId }, CancellationToken.None);
        await store.SaveAsync(first with { State = TokenStates.Expiring }, CancellationToken.None);

        await Assert.ThrowsAsync<TokenStatusConflictException>(() => store.SaveAsync(first with { State = TokenStates.Invalid }, CancellationToken.None));
        await Assert.ThrowsAsync<TokenStatusConflictException>(() => store.SaveAsync(new TokenStatus { ConnectionId = _connectionId }, CancellationToken.None));
    }
}
