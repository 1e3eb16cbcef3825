using System.Buffers;
using System.Security.Cryptography;

namespace GitLabConnector.Webhooks;

/// <summary>
/// Event id and dedupe key (docs/webhooks.md). The id is <c>Idempotency-Key</c> (= <c>webhook-id</c>, stable across GitLab
/// resends), else <c>X-Gitlab-Event-UUID</c>, else new. The dedupe key is the idempotency key, else — for GitLab
/// before 17.4 — a SHA-256 of connection, event name and body.
/// </summary>
public static class EventIdentity
{
    private const int MaxIdLength = 128;
    private static readonly SearchValues<char> SafeChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");

    /// <summary>Identifiers become blob names and table keys, so only a safe alphabet is accepted.</summary>
    public static bool IsSafeId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxIdLength && !value.AsSpan().ContainsAnyExcept(SafeChars);

    /// <summary>A key usable as a table row key: row keys may not contain / \ # ? or control characters; safe ids and sha256 hex already qualify.</summary>
    public static string RowKey(string key) =>
        key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)) ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) : key;

    public static string EventId(string? idempotencyKey, string? eventUuid) =>
        idempotencyKey ?? (IsSafeId(eventUuid) ? eventUuid! : Guid.NewGuid().ToString("D"));

    public static string DedupeKey(string connectionId, string eventName, string? idempotencyKey, ReadOnlySpan<byte> body)
    {
        if (idempotencyKey is not null)
        {
            return idempotencyKey;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(connectionId));
        hash.AppendData("\n"u8);
        hash.AppendData(Encoding.UTF8.GetBytes(eventName));
        hash.AppendData("\n"u8);
        hash.AppendData(body);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return "sha256-" + Convert.ToHexStringLower(digest);
    }
}
