using System.Text;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Resilience;

/// <summary>
/// A seeded mutation fuzzer over the webhook route: case <c>i</c> starts from a valid delivery of one of GitLab's
/// documented payloads and applies 0–3 mutations to the path, headers and body, all drawn from
/// <c>new Random(seed + i)</c>, so any failing case can be reproduced from the seed and its index.
/// </summary>
public sealed class WebhookFuzzer(string connectionId, string webhookSecret, int maxPayloadBytes, int seed)
{
    private static readonly (string File, string EventName)[] Fixtures = [.. PayloadFixtures.All.Select(kv => (kv.Key, kv.Value))];
    private static readonly string[] EventNames = [.. PayloadFixtures.All.Values.Distinct(StringComparer.Ordinal), "System Hook", "Build Hook", "Confidential Note Hook"];

    private readonly Action<Random, Builder>[] _mutations =
    [
        (_, b) => b.Remove("X-Gitlab-Token", "token missing"),
        (r, b) => b.Set("X-Gitlab-Token", RandomText(r, 1, 64), "token wrong"),
        (r, b) => b.Add("X-Gitlab-Token", RandomText(r, 1, 64), "token sent twice"),
        (r, b) => b.Set("X-Gitlab-Token", new string('a', r.Next(1000, 20_000)), "token huge"),
        (_, b) => b.Remove("X-Gitlab-Event", "event missing"),
        (r, b) => b.Set("X-Gitlab-Event", EventNames[r.Next(EventNames.Length)], "event other"),
        (r, b) => b.Set("X-Gitlab-Event", RandomText(r, 1, 300), "event garbage"),
        (r, b) => b.Add("X-Gitlab-Event", EventNames[r.Next(EventNames.Length)], "event sent twice"),
        (r, b) => b.Set("Idempotency-Key", RandomText(r, 1, 100), "idempotency key garbage"),
        (r, b) => b.Set("Idempotency-Key", new string('k', r.Next(129, 5000)), "idempotency key long"),
        (r, b) => b.Add("Idempotency-Key", Guid.NewGuid().ToString(), "idempotency key twice"),
        (_, b) => b.ContentType(null, "content type missing"),
        (r, b) => b.ContentType(new[] { "text/plain", "application/xml", "application/json; charset=utf-16", "x", "application/vnd.gitlab+json", "multipart/form-data; boundary=x", "application/jsonx", "APPLICATION/JSON" }[r.Next(8)], "content type varied"),
        (_, b) => b.Body([], "body empty"),
        (r, b) => b.Body(b.Payload[..r.Next(b.Payload.Length)], "body truncated"),
        (r, b) => b.Body(FlipBytes(r, b.Payload), "body bytes flipped"),
        (r, b) => b.Body(RandomBytes(r, r.Next(0, 4096)), "body random bytes"),
        (r, b) => b.Body(Encoding.UTF8.GetBytes(new[] { "[]", "[{\"object_kind\":\"push\"}]", "\"push\"", "42", "null", "true", "{}" }[r.Next(7)]), "body not an object"),
        (r, b) => b.Body(Nested(r.Next(65, 20_000)), "body deeply nested"),
        (r, b) => b.Body(Oversized(maxPayloadBytes + r.Next(1, 10_000)), "body over the limit"),
        (r, b) => b.Body(Replace(b.Payload, "\"object_kind\":", "\"object_kind\":\"" + RandomText(r, 0, 20).Replace("\"", string.Empty, StringComparison.Ordinal) + "\",\"ignored\":"), "object_kind changed"),
        (_, b) => b.Body([.. "{\"object_kind\":\"push\",\"s\":\""u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()], "body invalid UTF-8"),
        (_, b) => b.Body([0xEF, 0xBB, 0xBF, .. b.Payload], "body with BOM"),
        (_, b) => b.Body(Replace(b.Payload, "{", "{\"object_kind\":\"push\",\"object_kind\":\"issue\","), "duplicate object_kind"),
        (r, b) => b.Body(Encoding.UTF8.GetBytes("{\"object_kind\":\"push\",\"n\":" + new string('9', r.Next(400, 5000)) + "}"), "huge number"),
        (r, b) => b.Segment(new[] { "t" + Guid.NewGuid().ToString("N")[..11], "UPPER", "a_b", "..", new string('a', 65), "%E2%82%AC", "x%00y", "-" }[r.Next(8)], "connection id varied"),
        (r, b) => b.Set("webhook-signature", "v1," + RandomText(r, 0, 80), "signature garbage").Set("webhook-id", RandomText(r, 1, 40), "").Set("webhook-timestamp", RandomText(r, 1, 20), ""),
        (r, b) => b.Set("X-Gitlab-Instance", new[] { "javascript:alert(1)", new string('h', 5000), "ftp://x", RandomText(r, 1, 50) }[r.Next(4)], "instance garbage"),
        (r, b) => b.Set("X-Gitlab-Event-UUID", RandomText(r, 1, 300), "event uuid garbage").Set("X-Gitlab-Webhook-UUID", RandomText(r, 1, 300), ""),
        (r, b) => b.Set("X-Gitlab-Token", "tok\u00e9n\u00ff" + RandomText(r, 0, 8), "token latin-1"),
    ];

    public FuzzCase Create(int index)
    {
        var random = new Random(unchecked(seed + index));
        var (file, eventName) = Fixtures[random.Next(Fixtures.Length)];
        var builder = new Builder(connectionId, PayloadFixtures.Read(file));
        builder.Set("X-Gitlab-Token", webhookSecret, string.Empty)
            .Set("X-Gitlab-Event", eventName, string.Empty)
            .Set("Idempotency-Key", "fuzz-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), string.Empty)
            .Set("X-Gitlab-Event-UUID", Guid.NewGuid().ToString(), string.Empty)
            .Set("X-Gitlab-Instance", "https://gitlab.example.com", string.Empty);
        var count = random.Next(4);
        for (var i = 0; i < count; i++)
        {
            _mutations[random.Next(_mutations.Length)](random, builder);
        }

        return builder.Build(index);
    }

    private static string RandomText(Random random, int min, int max)
    {
        const string alphabet = "abcXYZ019-_.:/\\ #?%&=+\"'<>{}[]()!~`@$^*;,|éß€\u00a0";
        var chars = new char[random.Next(min, max + 1)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        // Header values go out as Latin-1: keep to characters it can carry.
        return new string(chars).Replace('€', 'E');
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] FlipBytes(Random random, byte[] payload)
    {
        var copy = payload.ToArray();
        for (var i = 0; i < random.Next(1, 10) && copy.Length > 0; i++)
        {
            copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
        }

        return copy;
    }

    private static byte[] Nested(int depth) =>
        Encoding.UTF8.GetBytes("{\"object_kind\":\"push\",\"x\":" + string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth)) + "}");

    private static byte[] Oversized(int length)
    {
        var prefix = "{\"object_kind\":\"push\",\"filler\":\""u8.ToArray();
        var body = new byte[length];
        prefix.CopyTo(body, 0);
        body.AsSpan(prefix.Length, length - prefix.Length - 2).Fill((byte)'a');
        body[^2] = (byte)'"';
        body[^1] = (byte)'}';
        return body;
    }

    private static byte[] Replace(byte[] payload, string what, string with)
    {
        var text = Encoding.UTF8.GetString(payload);
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? payload : Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length)));
    }

    private sealed class Builder(string connectionId, byte[] payload)
    {
        private readonly List<(string Name, string Value)> _headers = [];
        private readonly List<string> _mutations = [];
        private string? _contentType = "application/json";
        private string _segment = connectionId;
        private byte[] _body = payload;

        public byte[] Payload => _body;

        public Builder Set(string name, string value, string mutation)
        {
            _headers.RemoveAll(h => h.Name == name);
            _headers.Add((name, value));
            return Note(mutation);
        }

        public Builder Add(string name, string value, string mutation)
        {
            _headers.Add((name, value));
            return Note(mutation);
        }

        public Builder Remove(string name, string mutation)
        {
            _headers.RemoveAll(h => h.Name == name);
            return Note(mutation);
        }

        public Builder ContentType(string? value, string mutation)
        {
            _contentType = value;
            return Note(mutation);
        }

        public Builder Body(byte[] body, string mutation)
        {
            _body = body;
            return Note(mutation);
        }

        public Builder Segment(string segment, string mutation)
        {
            _segment = segment;
            return Note(mutation);
        }

        public FuzzCase Build(int index) => new(index, _segment, [.. _headers], _contentType, _body, [.. _mutations]);

        private Builder Note(string mutation)
        {
            if (mutation.Length > 0)
            {
                _mutations.Add(mutation);
            }

            return this;
        }
    }
}
