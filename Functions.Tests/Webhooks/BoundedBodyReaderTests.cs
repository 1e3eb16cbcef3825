using GitLabConnector.Webhooks;
using Microsoft.AspNetCore.Http;

namespace GitLabConnector.Tests.Webhooks;

public sealed class BoundedBodyReaderTests
{
    private const long Limit = 25L * 1024 * 1024;

    [Fact]
    public async Task Declared_length_over_the_limit_is_refused_without_reading()
    {
        var request = Request(new ThrowingStream(), contentLength: Limit + 1);

        Assert.Null(await BoundedBodyReader.ReadAsync(request, Limit, default));
    }

    [Fact]
    public async Task Declared_length_does_not_size_the_buffer_before_the_bytes_arrive()
    {
        // A client claims 20 MB but sends 10 bytes: the reader must not reserve 20 MB on its word.
        var request = Request(new MemoryStream(new byte[10]), contentLength: 20L * 1024 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();

        using var body = await BoundedBodyReader.ReadAsync(request, Limit, default);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(10, body!.Length);
        Assert.True(allocated < 4L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4096)]
    [InlineData(3 * 1024 * 1024 + 7)]
    public async Task Body_within_the_limit_is_read_exactly(int size)
    {
        var data = new byte[size];
        Random.Shared.NextBytes(data);

        using var declared = await BoundedBodyReader.ReadAsync(Request(new MemoryStream(data), size), Limit, default);
        using var chunked = await BoundedBodyReader.ReadAsync(Request(new MemoryStream(data), null), Limit, default);

        Assert.Equal(data, declared!.Memory.ToArray());
        Assert.Equal(data, chunked!.Memory.ToArray());
    }

    [Fact]
    public async Task Chunked_body_one_byte_over_the_limit_is_refused()
    {
        Assert.Null(await BoundedBodyReader.ReadAsync(Request(new MemoryStream(new byte[1025]), null), 1024, default));
    }

    private static HttpRequest Request(Stream body, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = contentLength;
        return context.Request;
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the body must not be read");
    }
}
