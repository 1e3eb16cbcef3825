using System.Net;
using System.Net.Sockets;
using GitLabConnector.Storage;

namespace GitLabConnector.Tests.Storage;

public sealed class StorageUnavailableTests
{
    private static string ClosedPortConnectionString()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={StorageConnection.DevelopmentAccountKey};" +
               $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    [Fact]
    public async Task Unreachable_queue_endpoint_fails_with_status_0_and_is_unavailable()
    {
        var queues = new QueueService(StorageConnection.FromConnectionString(ClosedPortConnectionString()), new StorageClientOptions());

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queues.SendMessageAsync("events", "x", null, CancellationToken.None));

        Assert.Equal(0, error.Status);
        Assert.True(error.IsUnavailable);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public async Task Unreachable_table_and_blob_endpoints_fail_the_same_way()
    {
        var connection = StorageConnection.FromConnectionString(ClosedPortConnectionString());
        var options = new StorageClientOptions();
        options.Retry.MaxRetries = 0;

        var table = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => new TableService(connection, options).GetAsync("leases", "p", "r", CancellationToken.None));
        var blob = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => new BlobService(connection, options).DownloadAsync("payloads", "b", CancellationToken.None));

        Assert.True(table.IsUnavailable);
        Assert.True(blob.IsUnavailable);
        Assert.Equal(0, table.Status);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_an_outage()
    {
        var queues = new QueueService(StorageConnection.FromConnectionString(ClosedPortConnectionString()), new StorageClientOptions());
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queues.SendMessageAsync("events", "x", null, cancellation.Token));
    }
}
