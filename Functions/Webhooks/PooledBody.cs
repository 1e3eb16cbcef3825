using System.Buffers;

namespace GitLabConnector.Webhooks;

/// <summary>A request body held in a buffer (pooled when small); return it with <see cref="Dispose"/>.</summary>
public sealed class PooledBody(byte[] buffer, int length) : IDisposable
{
    /// <summary>Buffers up to this length come from (and go back to) the shared pool; larger ones are left to the GC.</summary>
    internal const int MaxPooledLength = 1024 * 1024;

    private byte[]? _buffer = buffer;

    public int Length { get; } = length;

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, Length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            Return(buffer);
        }
    }

    internal static void Return(byte[] buffer)
    {
        if (buffer.Length <= MaxPooledLength)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
