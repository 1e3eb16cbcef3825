using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Reads a request body into a pooled buffer, never holding more than the limit: a declared Content-Length over
/// the limit is refused before reading, and a chunked body is cut off as soon as it passes the limit.
/// </summary>
public static class BoundedBodyReader
{
    private const int InitialChunkedBuffer = 16 * 1024;

    // A declared Content-Length is only a claim until the bytes arrive (and signed deliveries are read before they are
    // authenticated), so it sizes the first buffer only up to this; larger bodies grow the buffer as they actually arrive.
    private const int MaxInitialBuffer = 1024 * 1024;

    /// <returns>The body, or null when it exceeds <paramref name="maxBytes"/>.</returns>
    public static async Task<PooledBody?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        var capacity = (int)Math.Min(Math.Min(maxBytes + 1, request.ContentLength ?? InitialChunkedBuffer), MaxInitialBuffer);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
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
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }

                if (length == request.ContentLength)
                {
                    // The server allows no more than declared; skip growing the buffer just to read the end.
                    break;
                }
            }

            return new PooledBody(buffer, length);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
