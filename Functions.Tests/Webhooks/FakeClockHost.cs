using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>An app host whose TimeProvider is a <see cref="FakeTimeProvider"/>, with its own events queue.</summary>
internal static class FakeClockHost
{
    public static async Task<(ConnectorAppHost Host, FakeTimeProvider Clock, string Queue)> StartAsync(
        AzuriteFixture azurite, params KeyValuePair<string, string?>[] settings)
    {
        var clock = new FakeTimeProvider();
        var queue = AzuriteFixture.NewQueueName("clock");
        var host = await ConnectorAppHost.StartAsync(
            azurite,
            [new("Connector:Queues:Events", queue), .. settings],
            services => services.AddSingleton<TimeProvider>(clock));
        Assert.Same(clock, host.Get<TimeProvider>());
        return (host, clock, queue);
    }
}
