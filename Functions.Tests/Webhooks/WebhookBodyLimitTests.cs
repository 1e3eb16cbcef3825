using System.Globalization;
using System.Net;
using System.Text;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Bodies over <c>Connector:MaxPayloadBytes</c> are refused without being taken in; large ones that fit go through the claim-check.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookBodyLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const long ThirtyMegabytes = 30L * 1024 * 1024;
    private readonly string _queue = AzuriteFixture.NewQueueName("limits");
    private readonly string _container = AzuriteFixture.NewQueueName("payloads");
    private ConnectorAppHost _host = null!;
    private TestConnections.Created _connection = null!;

    public async Task InitializeAsync()
    {
        // Default MaxPayloadBytes (25 MiB).
        _host = await ConnectorAppHost.StartAsync(azurite, [new("Connector:Queues:Events", _queue), new("Connector:PayloadContainer", _container)]);
        _connection = await TestConnections.CreateAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Declared_30_MB_body_is_refused_with_413_before_it_is_sent()
    {
        var head =
            $"POST /{WebhookRequests.PathFor(_connection.Id)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
            $"X-Gitlab-Event: Push Hook\r\nX-Gitlab-Token: {_connection.WebhookSecret}\r\n" +
            $"Content-Length: {ThirtyMegabytes.ToString(CultureInfo.InvariantCulture)}\r\n\r\n";

        // Send at most 2 MB of the declared 30 MB; the answer must come without the rest.
        var (response, sent) = await RawHttp.SendStreamingAsync(_host.BaseAddress, head, new byte[64 * 1024], maxBodyBytes: 2 * 1024 * 1024);

        Assert.Equal(413, response.Status);
        Assert.Contains("payload-too-large", response.Body, StringComparison.Ordinal);
        Assert.True(sent < ThirtyMegabytes, $"sent {sent} bytes");
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }

    [Fact]
    public async Task Chunked_body_without_length_is_cut_off_with_413_once_it_passes_the_limit()
    {
        var head =
            $"POST /{WebhookRequests.PathFor(_connection.Id)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
            $"X-Gitlab-Event: Push Hook\r\nX-Gitlab-Token: {_connection.WebhookSecret}\r\nTransfer-Encoding: chunked\r\n\r\n";
        var data = new byte[256 * 1024];
        data.AsSpan().Fill((byte)'x');
        var chunk = Encoding.ASCII.GetBytes($"{data.Length:x}\r\n").Concat(data).Concat("\r\n"u8.ToArray()).ToArray();

        // Never terminated: the server must answer once it has read past 25 MiB (it cannot wait for the end).
        var (response, sent) = await RawHttp.SendStreamingAsync(_host.BaseAddress, head, chunk, maxBodyBytes: 40L * 1024 * 1024);

        Assert.Equal(413, response.Status);
        Assert.True(sent < 40L * 1024 * 1024, $"sent {sent} bytes");
        await QueuedEvents.AssertEmptyAsync(azurite, _queue);
    }

    [Fact]
    public async Task Payload_of_200_KB_goes_through_the_claim_check_byte_for_byte()
    {
        var body = LargePushBody(200 * 1024);
        using var request = WebhookRequests.Post(_connection.Id, body, "Push Hook", _connection.WebhookSecret);
        request.Headers.Add("Idempotency-Key", "idem-claim-check");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var envelope = Assert.Single(await QueuedEvents.PeekAsync(azurite, _queue));
        Assert.False(envelope.TryGetProperty("payload", out _));
        var reference = envelope.GetProperty("payloadRef").GetString();
        Assert.Equal($"{_container}/{_connection.Id}/idem-claim-check.json", reference);
        Assert.Equal("push", envelope.GetProperty("objectKind").GetString());
        var blob = await azurite.CreateBlobService().DownloadAsync(_container, $"{_connection.Id}/idem-claim-check.json", default);
        Assert.NotNull(blob);
        Assert.Equal(body, blob.ToArray());
    }

    [Fact]
    public async Task Chunked_payload_under_the_limit_is_accepted_whole()
    {
        var body = LargePushBody(300 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookRequests.PathFor(_connection.Id))
        {
            Content = new StreamContent(new NonSeekableStream(body)),
        };
        request.Content.Headers.ContentType = WebhookRequests.Json;
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Gitlab-Event", "Push Hook");
        request.Headers.Add("X-Gitlab-Token", _connection.WebhookSecret);
        request.Headers.Add("Idempotency-Key", "idem-chunked");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var blob = await azurite.CreateBlobService().DownloadAsync(_container, $"{_connection.Id}/idem-chunked.json", default);
        Assert.Equal(body, blob!.ToArray());
    }

    /// <summary>GitLab's push example with a long commit message appended, at least <paramref name="size"/> bytes of UTF-8 with multi-byte characters.</summary>
    internal static byte[] LargePushBody(int size)
    {
        var push = Encoding.UTF8.GetString(PayloadFixtures.Read("push.json")).TrimEnd();
        var padding = new StringBuilder(size);
        while (padding.Length < size)
        {
            padding.Append("ünïcødé ✓ line\\n");
        }

        return Encoding.UTF8.GetBytes(push[..^1] + ",\"padding\":\"" + padding + "\"}");
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
