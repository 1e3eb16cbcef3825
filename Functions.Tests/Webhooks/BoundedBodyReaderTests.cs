using GitLabConnector.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

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

    [Fact]
    public async Task A_chunked_body_growing_past_the_unverified_budget_stops_and_gives_every_byte_back()
    {
        var budget = new UnverifiedBodyBudget(Options.Create(new WebhookOptions { MaxUnverifiedBytes = 1024 * 1024 }), TimeProvider.System);
        using var reservation = budget.Open();

        var read = await BoundedBodyReader.ReadAsync(Request(new MemoryStream(new byte[3 * 1024 * 1024]), null), 4 * 1024 * 1024, reservation, default);

        Assert.True(read.IsOverBudget);
        Assert.Null(read.Body);
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public async Task A_declared_body_within_the_budget_holds_exactly_its_length_until_released()
    {
        var budget = new UnverifiedBodyBudget(Options.Create(new WebhookOptions { MaxUnverifiedBytes = 4 * 1024 * 1024 }), TimeProvider.System);
        var size = (3 * 1024 * 1024) + 5;
        using (var reservation = budget.Open())
        {
            var read = await BoundedBodyReader.ReadAsync(Request(new MemoryStream(new byte[size]), size), 4 * 1024 * 1024, reservation, default);
            using var body = read.Body;

            Assert.Equal(size, body?.Length);
            Assert.Equal(size, budget.InFlight);
        }

        Assert.Equal(0, budget.InFlight);
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
