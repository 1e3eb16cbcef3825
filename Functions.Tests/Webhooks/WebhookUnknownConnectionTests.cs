using System.Net;
using System.Security.Cryptography;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Random connection ids: a budget of registry reads of their own, one summarising log line, and known connections unaffected.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookUnknownConnectionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Random_ids_beyond_their_lookup_budget_get_503_while_a_known_connection_is_still_accepted()
    {
        using var logs = new InMemoryLoggerProvider();
        await using var host = await ConnectorAppHost.StartAsync(azurite,
            [new("Connector:RateLimit:UnknownLookupsPerSecond", "1")],
            services => services.AddSingleton<ILoggerProvider>(logs));
        var connection = await TestConnections.CreateAsync(host);
        using (var first = WebhookRequests.Push(connection))
        using (var primed = await host.Client.SendAsync(first))
        {
            Assert.Equal(HttpStatusCode.Accepted, primed.StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var random = WebhookRequests.Post(RandomNumberGenerator.GetHexString(12, lowercase: true), PayloadFixtures.Read("push.json"), token: "x");
            using var response = await host.Client.SendAsync(random);
            statuses.Add(response.StatusCode);
        }

        using var genuine = WebhookRequests.Push(connection);
        using var accepted = await host.Client.SendAsync(genuine);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Contains(HttpStatusCode.NotFound, statuses);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.DoesNotContain(statuses, s => s is not (HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable));
        Assert.Single(logs.Entries, e => e.EventId.Id == 2009);
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id == 2002);
    }
}
