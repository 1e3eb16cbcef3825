using System.Security.Cryptography;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Standard Webhooks verification as GitLab 19+ signs deliveries: HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, header <c>webhook-signature</c> holding one or more
/// space-separated <c>v1,&lt;base64&gt;</c> entries, timestamp within a tolerance to stop replays.
/// </summary>
public static class StandardWebhookSignature
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    // A few v1 entries, as during key rotation.
    private const int MaxSignatureHeaderLength = 1024;

    private const int MaxWebhookIdLength = 256;

    /// <summary>What can be checked without the body; <see cref="AuthOutcome.SignatureRequired"/> when the body is worth reading to verify.</summary>
    public static AuthOutcome CheckHeaders(string? webhookId, string? timestamp, string? signatureHeader, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
        {
            return AuthOutcome.MissingSignature;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds() ||
            (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return AuthOutcome.StaleSignature;
        }

        return webhookId.Length > MaxWebhookIdLength || signatureHeader.Length > MaxSignatureHeaderLength || !Entries(signatureHeader).Any()
            ? AuthOutcome.InvalidSignature
            : AuthOutcome.SignatureRequired;
    }

    public static AuthOutcome Verify(
        string? webhookId, string? timestamp, string? signatureHeader, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> keys, DateTimeOffset now, TimeSpan tolerance)
    {
        var headers = CheckHeaders(webhookId, timestamp, signatureHeader, now, tolerance);
        if (headers != AuthOutcome.SignatureRequired)
        {
            return headers;
        }

        // Hashed incrementally: the body is never copied next to its prefix (it can be tens of megabytes).
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        var candidates = Entries(signatureHeader!).ToList();
        Span<byte> expected = stackalloc byte[HashLength];
        foreach (var key in keys)
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            hmac.AppendData(prefix);
            hmac.AppendData(body);
            hmac.GetHashAndReset(expected);
            foreach (var candidate in candidates)
            {
                if (CryptographicOperations.FixedTimeEquals(candidate, expected))
                {
                    return AuthOutcome.Authenticated;
                }
            }
        }

        return AuthOutcome.InvalidSignature;
    }

    private const int HashLength = 32;

    // The v1 entries that decode to an HMAC-SHA256; anything else in the header is ignored, as the spec asks.
    private static IEnumerable<byte[]> Entries(string signatureHeader)
    {
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var decoded = new byte[48];
            if (entry.StartsWith("v1,", StringComparison.Ordinal) &&
                Convert.TryFromBase64String(entry[3..], decoded, out var written) && written == HashLength)
            {
                yield return decoded[..HashLength];
            }
        }
    }

    /// <summary>The <c>v1,</c> signature of a delivery (samples and tests).</summary>
    public static string Sign(string webhookId, string timestamp, ReadOnlySpan<byte> body, byte[] key) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}."), .. body]));
}
