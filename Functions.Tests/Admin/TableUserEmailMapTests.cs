using GitLabConnector.Admin;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Admin;

/// <summary>The user map's table against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableUserEmailMapTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_replaced_map_drops_the_users_it_no_longer_lists_and_leaves_other_connections_alone()
    {
        var map = new TableUserEmailMap(azurite.CreateTableServiceClient(), TimeProvider.System);
        var connection = $"c{Guid.NewGuid():N}";
        var other = $"o{Guid.NewGuid():N}";
        await map.ReplaceAsync(connection, new Dictionary<long, string> { [1] = "a@example.com", [2] = "b@example.com" }, default);
        await map.ReplaceAsync(other, new Dictionary<long, string> { [1] = "x@example.com" }, default);

        await map.ReplaceAsync(connection, new Dictionary<long, string> { [2] = "b2@example.com", [3] = "c@example.com" }, default);

        Assert.Null(await map.GetEmailAsync(connection, 1, default));
        Assert.Equal("b2@example.com", await map.GetEmailAsync(connection, 2, default));
        Assert.Equal("c@example.com", await map.GetEmailAsync(connection, 3, default));
        Assert.Equal("x@example.com", await map.GetEmailAsync(other, 1, default));
    }
}
