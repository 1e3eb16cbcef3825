using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>
/// Speaks HTTP/1.1 over a plain socket, for requests HttpClient refuses to build (duplicate or CR/LF-bearing headers,
/// broken framing) and for bodies sent only in part.
/// </summary>
internal static class RawHttp
{
    public sealed record Response(int Status, string Head, string Body);

    /// <summary>Sends <paramref name="request"/> as-is (include <c>Connection: close</c>) and reads the answer until the server closes.</summary>
    public static async Task<Response> SendAsync(Uri baseAddress, byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        await stream.FlushAsync();
        return await ReadResponseAsync(stream);
    }

    /// <summary>
    /// Sends the head, then body bytes in chunks until the server answers; returns the answer and how many body bytes
    /// had been written when it arrived. The body is never built in memory, only <paramref name="chunk"/> repeated.
    /// </summary>
    public static async Task<(Response Response, long BodyBytesSent)> SendStreamingAsync(Uri baseAddress, string head, byte[] chunk, long maxBodyBytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var reading = ReadResponseAsync(stream);
        long sent = 0;
        while (!reading.IsCompleted && sent < maxBodyBytes)
        {
            try
            {
                await stream.WriteAsync(chunk);
                sent += chunk.Length;
            }
            catch (IOException)
            {
                // The server answered and closed while we were still writing.
                break;
            }

            // Let the response, if any, arrive before writing more.
            await Task.WhenAny(reading, Task.Delay(5));
        }

        return (await reading, sent);
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static async Task<Response> ReadResponseAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer);
            }
            catch (IOException) when (received.Length > 0)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            if (TryComplete(received.ToArray(), out _))
            {
                break;
            }
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new InvalidOperationException($"No HTTP response head received: '{text}'");
        }

        var head = text[..split];
        var status = int.Parse(head.Split(' ', 3)[1], CultureInfo.InvariantCulture);
        return new Response(status, head, text[(split + 4)..]);
    }

    // A response is complete once its head and Content-Length bytes are in (Kestrel may keep the socket open to drain).
    private static bool TryComplete(byte[] data, out int length)
    {
        length = 0;
        var text = Encoding.ASCII.GetString(data);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }

        foreach (var line in text[..split].Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
                return data.Length >= split + 4 + length;
            }
        }

        return !text[..split].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) || text.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
    }
}
