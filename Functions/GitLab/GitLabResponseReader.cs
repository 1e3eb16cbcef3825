namespace GitLabConnector.GitLab;

/// <summary>
/// Reads a GitLab response body without ever holding more than a limit (<see cref="GitLabApiOptions.MaxResponseBytes"/>):
/// a declared Content-Length over it is refused before reading, and a body that keeps coming is cut off as soon as it
/// passes it. A hostile or broken self-managed GitLab can answer anything; the instance must not buffer it all.
/// </summary>
internal static class GitLabResponseReader
{
    private const int Chunk = 64 * 1024;

    /// <returns>The body, or null when it is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var initial = (int)Math.Min(content.Headers.ContentLength ?? Chunk, Math.Min(maxBytes + 1, Chunk * 16L));
            using var buffer = new MemoryStream(Math.Max(initial, 1));
            var chunk = new byte[Chunk];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
