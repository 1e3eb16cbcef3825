using System.Net;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Storage down → 503 with Retry-After, and no message is ever written that points at nothing or half a delivery.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookStorageOutageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Queue_unreachable_answers_503_with_Retry_After_and_stores_nothing()
    {
        var queue = AzuriteFixture.NewQueueName("outage");
        var failing = new FailingQueueService(azurite.CreateQueueService());
        await using var host = await ConnectorAppHost.StartAsync(azurite, [new("Connector:Queues:Events", queue)], s => s.AddSingleton<IQueueService>(failing));
        var connection = await TestConnections.CreateAsync(host);

        using var request = WebhookRequests.Push(connection, "idem-outage-1");
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("storage-unavailable", await WebhookRequests.ProblemReasonAsync(response));
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.True(response.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        Assert.Equal(1, failing.SendAttempts);
        await QueuedEvents.AssertEmptyAsync(azurite, queue);
    }

    /// <summary>
    /// The claim-check writes the blob first and the message second. When the message fails the caller gets 503 and the
    /// blob is left behind: harmless, because nothing points to it — no consumer ever reads a blob without a message, and a
    /// retry under the same Idempotency-Key overwrites the same blob name.
    /// </summary>
    [Fact]
    public async Task Claim_check_blob_written_but_message_failed_answers_503_and_leaves_only_an_unreferenced_blob()
    {
        var queue = AzuriteFixture.NewQueueName("outage");
        var container = AzuriteFixture.NewQueueName("orphans");
        var failing = new FailingQueueService(azurite.CreateQueueService());
        await using var host = await ConnectorAppHost.StartAsync(
            azurite,
            [new("Connector:Queues:Events", queue), new("Connector:PayloadContainer", container)],
            s => s.AddSingleton<IQueueService>(failing));
        var connection = await TestConnections.CreateAsync(host);
        var body = WebhookBodyLimitTests.LargePushBody(100 * 1024);

        using var request = WebhookRequests.Post(connection.Id, body, "Push Hook", connection.WebhookSecret);
        request.Headers.Add("Idempotency-Key", "idem-orphan");
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        await QueuedEvents.AssertEmptyAsync(azurite, queue);
        var orphan = await azurite.CreateBlobService().DownloadAsync(container, $"{connection.Id}/idem-orphan.json", default);
        Assert.Equal(body, orphan?.ToArray());
    }

    [Fact]
    public async Task Registry_unreachable_answers_503_rather_than_404()
    {
        await using var host = await ConnectorAppHost.StartAsync(azurite, UnreachableStorage());

        using var request = WebhookRequests.Post("tanyconnection", PayloadFixtures.Read("push.json"), "Push Hook", "some-token");
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("storage-unavailable", await WebhookRequests.ProblemReasonAsync(response));
        Assert.NotNull(response.Headers.RetryAfter);
    }

    /// <summary>Storage settings pointing at loopback ports nothing listens on (connection refused, no retries).</summary>
    internal static KeyValuePair<string, string?>[] UnreachableStorage()
    {
        var port = ClosedPort();
        var account = StorageAccount.DevelopmentAccountName;
        return
        [
            new("AzureWebJobsStorage",
                $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={StorageAccount.DevelopmentAccountKey};" +
                $"BlobEndpoint=http://127.0.0.1:{port}/{account};QueueEndpoint=http://127.0.0.1:{port}/{account};TableEndpoint=http://127.0.0.1:{port}/{account};"),
            new("Connector:Storage:MaxRetries", "0"),
        ];
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
