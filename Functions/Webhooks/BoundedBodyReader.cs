using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Reads a request body into one buffer, never holding more than the limit (a declared Content-Length over it is refused
/// unread, a chunked body cut off once past it). With an <see cref="UnverifiedBytes"/> reservation, each buffer is
/// reserved before it is allocated, and the read stops when the instance has no budget left.
/// </summary>
public static class BoundedBodyReader
{
    private const int InitialChunkedBuffer = 16 * 1024;

    // A declared Content-Length is only a claim until the bytes arrive, so it sizes the first buffer only up to this;
    // larger bodies grow the buffer as they actually arrive.
    private const int MaxInitialBuffer = 1024 * 1024;

    /// <returns>null when the body exceeds <paramref name="maxBytes"/>.</returns>
    public static async Task<PooledBody?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken) =>
        (await ReadAsync(request, maxBytes, null, cancellationToken).ConfigureAwait(false)).Body;

    public static async Task<BodyRead> ReadAsync(HttpRequest request, long maxBytes, UnverifiedBytes? budget, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return BodyRead.TooLarge;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        // A reserved read may trust the declared length for its one buffer: a false claim costs budget, not memory.
        var capacity = budget is not null && request.ContentLength is { } declared
            ? (int)Math.Max(declared, 1)
            : (int)Math.Min(Math.Min(maxBytes + 1, request.ContentLength ?? InitialChunkedBuffer), MaxInitialBuffer);
        var buffer = Rent(Math.Max(capacity, 1), budget);
        if (buffer is null)
        {
            return BodyRead.OverBudget;
        }

        var length = 0;
        try
        {
            while (true)
            {
                // Reads stop once past maxBytes, so a full buffer is never over the limit.
                if (length == buffer.Length)
                {
                    var larger = Rent((int)Math.Min(maxBytes + 1, (long)buffer.Length * 2), budget);
                    if (larger is null)
                    {
                        Return(buffer, budget);
                        return BodyRead.OverBudget;
                    }

                    buffer.AsSpan(0, length).CopyTo(larger);
                    Return(buffer, budget);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    Return(buffer, budget);
                    return BodyRead.TooLarge;
                }

                if (length == request.ContentLength)
                {
                    // The server allows no more than declared; skip growing the buffer just to read the end.
                    break;
                }
            }

            return new BodyRead(new PooledBody(buffer, length), false);
        }
        catch (Exception e)
        {
            Return(buffer, budget);
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return BodyRead.TooLarge;
            }

            throw;
        }
    }

    // Small buffers come from the shared pool; large ones are plain allocations the GC takes back, so a burst of big
    // bodies does not leave the pool holding tens of megabytes afterwards.
    private static byte[]? Rent(int size, UnverifiedBytes? budget)
    {
        if (size <= PooledBody.MaxPooledLength)
        {
            var pooled = ArrayPool<byte>.Shared.Rent(size);
            if (budget is null || budget.TryReserve(pooled.Length))
            {
                return pooled;
            }

            ArrayPool<byte>.Shared.Return(pooled);
            return null;
        }

        return budget is null || budget.TryReserve(size) ? GC.AllocateUninitializedArray<byte>(size) : null;
    }

    private static void Return(byte[] buffer, UnverifiedBytes? budget)
    {
        budget?.Release(buffer.Length);
        PooledBody.Return(buffer);
    }
}

/// <summary>The body, or why there is none.</summary>
public readonly record struct BodyRead(PooledBody? Body, bool IsOverBudget)
{
    public static BodyRead TooLarge => new(null, false);

    public static BodyRead OverBudget => new(null, true);
}
