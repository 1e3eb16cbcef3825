using Azure.Data.Tables;
using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Enrichment;

[Collection(AzuriteCollection.Name)]
public sealed class ProjectActivityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_late_or_replayed_event_does_not_move_the_last_event_back()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        var connection = "act-" + Guid.NewGuid().ToString("N")[..12];
        var later = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        using (var first = new ProjectActivity(tables, TimeProvider.System))
        {
            await first.RecordAsync(connection, 7, later, CancellationToken.None);
        }

        // Another instance (no shared write cache) receives an older event.
        using var second = new ProjectActivity(tables, TimeProvider.System);
        await second.RecordAsync(connection, 7, later.AddHours(-3), CancellationToken.None);

        Assert.Equal(later, (await second.LastEventsAsync(connection, CancellationToken.None))[7]);
    }
}
