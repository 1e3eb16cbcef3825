using System.Net;
using System.Net.Sockets;
using Azure;
using GitLabConnector.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Storage;

public sealed class StorageUnavailableTests
{
    private static string ClosedPortConnectionString()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={StorageAccount.DevelopmentAccountKey};" +
               $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    /// <summary>The services as <c>AddStorage</c> builds them, pointed at a closed port.</summary>
    private static ServiceProvider Unreachable(int maxRetries = 2) => new ServiceCollection()
        .AddStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = ClosedPortConnectionString(),
            ["Connector:Storage:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Connector:Storage:RetryDelay"] = "00:00:00.010",
        }).Build())
        .BuildServiceProvider();

    [Fact]
    public async Task Unreachable_queue_endpoint_fails_with_status_0_and_is_unavailable()
    {
        using var services = Unreachable();
        var queues = services.GetRequiredService<IQueueService>();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queues.SendMessageAsync("events", "x", null, CancellationToken.None));

        Assert.Equal(0, error.Status);
        Assert.True(error.IsUnavailable());
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public async Task Unreachable_table_and_blob_endpoints_fail_the_same_way()
    {
        using var services = Unreachable(maxRetries: 0);

        var table = await Assert.ThrowsAsync<RequestFailedException>(
            () => services.GetRequiredService<Azure.Data.Tables.TableServiceClient>().GetTableClient("leases").GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("p", "r"));
        var blob = await Assert.ThrowsAsync<RequestFailedException>(
            () => services.GetRequiredService<IBlobService>().DownloadAsync("payloads", "b", CancellationToken.None));

        Assert.True(table.IsUnavailable());
        Assert.True(blob.IsUnavailable());
        Assert.Equal(0, table.Status);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_an_outage()
    {
        using var services = Unreachable();
        var queues = services.GetRequiredService<IQueueService>();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queues.SendMessageAsync("events", "x", null, cancellation.Token));
    }
}
