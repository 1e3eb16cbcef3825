using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Standard Webhooks verification as GitLab 19+ signs deliveries: HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, header <c>webhook-signature</c> holding one or more
/// space-separated <c>v1,&lt;base64&gt;</c> entries, timestamp within a tolerance to stop replays.
/// </summary>
public static class StandardWebhookSignature
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static SignatureCheck Verify(
        string? webhookId,
        string? timestamp,
        string? signatureHeader,
        ReadOnlySpan<byte> body,
        IReadOnlyList<byte[]> keys,
        DateTimeOffset now,
        TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureCheck.Incomplete;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.StaleTimestamp;
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((now - sent).Duration() > tolerance)
        {
            return SignatureCheck.StaleTimestamp;
        }

        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        var signed = ArrayPool<byte>.Shared.Rent(prefix.Length + body.Length);
        try
        {
            prefix.CopyTo(signed, 0);
            body.CopyTo(signed.AsSpan(prefix.Length));
            var content = signed.AsSpan(0, prefix.Length + body.Length);
            Span<byte> expected = stackalloc byte[32];
            Span<byte> candidate = stackalloc byte[64];
            foreach (var key in keys)
            {
                HMACSHA256.HashData(key, content, expected);
                foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!entry.StartsWith("v1,", StringComparison.Ordinal) ||
                        !Convert.TryFromBase64String(entry[3..], candidate, out var written))
                    {
                        continue;
                    }

                    if (CryptographicOperations.FixedTimeEquals(candidate[..written], expected))
                    {
                        return SignatureCheck.Valid;
                    }
                }
            }

            return SignatureCheck.Invalid;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signed);
        }
    }

    /// <summary>Computes the <c>v1,</c> signature for a delivery (used to sign samples and tests).</summary>
    public static string Sign(string webhookId, string timestamp, ReadOnlySpan<byte> body, byte[] key)
    {
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}

public enum SignatureCheck
{
    Valid,
    Incomplete,
    StaleTimestamp,
    Invalid,
}
