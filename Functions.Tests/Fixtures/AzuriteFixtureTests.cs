using Azure;
using GitLabConnector.Storage;

namespace GitLabConnector.Tests.Fixtures;

/// <summary>Proves the restart behaviour outage tests rely on; each test runs its own Azurite.</summary>
public sealed class AzuriteFixtureTests
{
    private readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task Stopped_instance_is_unavailable_and_restarts_on_the_same_ports_without_its_in_memory_data()
    {
        using var azurite = AzuriteFixture.StartNew();
        var queues = azurite.CreateQueueService();
        await queues.CreateQueueIfNotExistsAsync("outage", _ct);
        await queues.SendMessageAsync("outage", "before", null, _ct);

        azurite.Stop();
        var down = await Assert.ThrowsAsync<RequestFailedException>(() => queues.GetApproximateMessageCountAsync("outage", _ct));
        azurite.Start();
        var lost = await Assert.ThrowsAsync<RequestFailedException>(() => queues.GetApproximateMessageCountAsync("outage", _ct));

        Assert.True(down.IsUnavailable());
        Assert.Equal(404, lost.Status);
    }

    [Fact]
    public async Task Instance_with_a_location_keeps_data_across_a_restart()
    {
        var location = Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var azurite = AzuriteFixture.StartNew(location);
            var queues = azurite.CreateQueueService();
            await queues.CreateQueueIfNotExistsAsync("kept", _ct);
            await queues.SendMessageAsync("kept", "survives", null, _ct);

            azurite.Stop();
            azurite.Start();

            Assert.Equal("survives", Assert.Single(await queues.PeekMessagesAsync("kept", 1, _ct)).MessageText);
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }
}
