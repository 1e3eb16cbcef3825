using System.Text;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>The hostile-input table: every row is rejected with a documented 4xx and enqueues nothing.</summary>
public static class HostileCases
{
    private static readonly string Nested10kArrays = "{\"object_kind\":\"push\",\"a\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
    private static readonly string Nested10kObjects = "{\"object_kind\":\"push\"," + string.Concat(Enumerable.Repeat("\"a\":{", 10_000)) + new string('}', 10_000) + "}";
    private static readonly string NestedJustOverLimit = "{\"object_kind\":\"push\",\"a\":" + new string('[', GitLabConnector.Webhooks.DeliveryValidator.MaxPayloadDepth) + new string(']', GitLabConnector.Webhooks.DeliveryValidator.MaxPayloadDepth) + "}";

    public static IReadOnlyList<HostileCase> All { get; } =
    [
        // Malformed and truncated JSON.
        new("truncated object", 400, "invalid-json") { Body = HostileCase.Text("{\"object_kind\":\"push\"") },
        new("lone open brace", 400, "invalid-json") { Body = HostileCase.Text("{") },
        new("lone close brace", 400, "invalid-json") { Body = HostileCase.Text("}") },
        new("missing value", 400, "invalid-json") { Body = HostileCase.Text("{\"a\":}") },
        new("trailing comma", 400, "invalid-json") { Body = HostileCase.Text("{\"object_kind\":\"push\",}") },
        new("comment", 400, "invalid-json") { Body = HostileCase.Text("{/*c*/\"object_kind\":\"push\"}") },
        new("single quotes", 400, "invalid-json") { Body = HostileCase.Text("{'object_kind':'push'}") },
        new("unquoted key", 400, "invalid-json") { Body = HostileCase.Text("{object_kind:\"push\"}") },
        new("NaN literal", 400, "invalid-json") { Body = HostileCase.Text("{\"object_kind\":\"push\",\"n\":NaN}") },
        new("Infinity literal", 400, "invalid-json") { Body = HostileCase.Text("{\"object_kind\":\"push\",\"n\":-Infinity}") },
        new("trailing garbage", 400, "invalid-json") { Body = HostileCase.Text("{\"object_kind\":\"push\"} trailing") },
        new("two objects", 400, "invalid-json") { Body = HostileCase.Text("{}{}") },
        new("raw control character in string", 400, "invalid-json") { Body = HostileCase.Text("{\"object_kind\":\"pu\u0001sh\"}") },
        new("unterminated string", 400, "invalid-json") { Body = HostileCase.Text("{\"object_kind\":\"push}") },
        new("bad escape", 400, "invalid-json") { Body = HostileCase.Text("{\"object_kind\":\"\\x70ush\"}") },
        new("leading zero number", 400, "invalid-json") { Body = HostileCase.Text("{\"object_kind\":\"push\",\"n\":0123}") },

        // Nesting.
        new("depth 10k arrays", 400, "invalid-json") { Body = HostileCase.Text(Nested10kArrays) },
        new("depth 10k objects", 400, "invalid-json") { Body = HostileCase.Text(Nested10kObjects) },
        new("depth just over the limit", 400, "invalid-json") { Body = HostileCase.Text(NestedJustOverLimit) },

        // Encoding.
        new("invalid UTF-8 byte 0xFF", 400, "invalid-json") { Body = HostileCase.Bytes(HostileCase.Text("{\"object_kind\":\"push\",\"x\":\""), [0xFF], HostileCase.Text("\"}")) },
        new("overlong UTF-8 slash", 400, "invalid-json") { Body = HostileCase.Bytes(HostileCase.Text("{\"object_kind\":\"push\",\"x\":\""), [0xC0, 0xAF], HostileCase.Text("\"}")) },
        new("UTF-8 encoded surrogate", 400, "invalid-json") { Body = HostileCase.Bytes(HostileCase.Text("{\"object_kind\":\"push\",\"x\":\""), [0xED, 0xA0, 0x80], HostileCase.Text("\"}")) },
        new("truncated multi-byte sequence", 400, "invalid-json") { Body = HostileCase.Bytes(HostileCase.Text("{\"object_kind\":\"push\",\"x\":\"\u20ac\"}")[..^3], [0xE2, 0x82]) },
        new("UTF-8 BOM prefix", 400, "invalid-json") { Body = HostileCase.Bytes([0xEF, 0xBB, 0xBF], HostileCase.ValidBody) },
        new("UTF-16LE body", 400, "invalid-json") { Body = Encoding.Unicode.GetBytes("{\"object_kind\":\"push\"}") },
        new("UTF-16 body declared by charset", 400, "invalid-json") { Body = Encoding.Unicode.GetBytes("{\"object_kind\":\"push\"}"), ContentType = "application/json; charset=utf-16" },
        new("NUL bytes", 400, "invalid-json") { Body = [0, 0, 0, 0] },

        // Not an object.
        new("empty body", 400, "empty-body") { Body = [] },
        new("whitespace body", 400, "invalid-json") { Body = HostileCase.Text(" \r\n\t ") },
        new("null", 400, "not-an-object") { Body = HostileCase.Text("null") },
        new("empty array", 400, "not-an-object") { Body = HostileCase.Text("[]") },
        new("array of the event", 400, "not-an-object") { Body = HostileCase.Text("[{\"object_kind\":\"push\"}]") },
        new("string", 400, "not-an-object") { Body = HostileCase.Text("\"push\"") },
        new("true", 400, "not-an-object") { Body = HostileCase.Text("true") },
        new("small number", 400, "not-an-object") { Body = HostileCase.Text("42") },
        new("number 1e400", 400, "not-an-object") { Body = HostileCase.Text("1e400") },
        new("100-digit integer", 400, "not-an-object") { Body = HostileCase.Text(new string('9', 100)) },

        // object_kind.
        new("object_kind number", 400, "bad-object-kind") { Body = HostileCase.Text("{\"object_kind\":1}") },
        new("object_kind null", 400, "bad-object-kind") { Body = HostileCase.Text("{\"object_kind\":null}") },
        new("object_kind object", 400, "bad-object-kind") { Body = HostileCase.Text("{\"object_kind\":{\"kind\":\"push\"}}") },
        new("object_kind array", 400, "bad-object-kind") { Body = HostileCase.Text("{\"object_kind\":[\"push\"]}") },
        new("object_kind boolean", 400, "bad-object-kind") { Body = HostileCase.Text("{\"object_kind\":true}") },
        new("object_kind lone surrogate escape", 400, "bad-object-kind") { Body = HostileCase.Text("{\"object_kind\":\"\\ud800\"}") },
        new("object_kind of another event", 400, "kind-mismatch") { Body = HostileCase.Text("{\"object_kind\":\"merge_request\"}") },
        new("object_kind upper case", 400, "kind-mismatch") { Body = HostileCase.Text("{\"object_kind\":\"PUSH\"}") },
        new("object_kind empty", 400, "kind-mismatch") { Body = HostileCase.Text("{\"object_kind\":\"\"}") },
        new("object_kind escaped differently", 400, "kind-mismatch") { Body = HostileCase.Text("{\"object_kind\":\"push\\u0000\"}") },
        new("job event with object_kind job", 400, "kind-mismatch") { Event = "Job Hook", Body = HostileCase.Text("{\"object_kind\":\"job\"}") },
        new("issue event with push body", 400, "kind-mismatch") { Event = "Issue Hook" },

        // X-Gitlab-Event.
        new("missing event header", 400, "missing-event") { Event = null },
        new("empty event header", 400, "missing-event") { Event = "" },
        new("unknown event", 400, "unknown-event") { Event = "Unheard Of Hook" },
        new("event without Hook suffix", 400, "unknown-event") { Event = "Push" },
        new("event of 1000 characters", 400, "unknown-event") { Event = new string('P', 1000) },
        new("event list folded into one header", 400, "unknown-event") { Event = "Push Hook, Push Hook" },
        new("event with percent encoding", 400, "unknown-event") { Event = "Push%20Hook" },

        // Idempotency-Key / webhook-id.
        new("Idempotency-Key with slash", 400, "bad-idempotency-key") { Headers = [new("Idempotency-Key", "a/b")] },
        new("Idempotency-Key of 200 characters", 400, "bad-idempotency-key") { Headers = [new("Idempotency-Key", new string('k', 200))] },
        new("Idempotency-Key path traversal", 400, "bad-idempotency-key") { Headers = [new("Idempotency-Key", "../../etc/passwd")] },
        new("Idempotency-Key with space", 400, "bad-idempotency-key") { Headers = [new("Idempotency-Key", "a b")] },
        new("Idempotency-Key percent-encoded slash", 400, "bad-idempotency-key") { Headers = [new("Idempotency-Key", "a%2Fb")] },
        new("webhook-id with slash", 400, "bad-idempotency-key") { Headers = [new("webhook-id", "msg/1")] },

        // Authentication.
        new("no token", 401, "missing-token") { WithToken = false },
        new("empty token", 401, "missing-token") { Token = "" },
        new("wrong token", 403, "invalid-token") { Token = "wrong-token" },
        new("token prefix", 403, "invalid-token") { Token = "{secret-prefix}" },
        new("token with suffix", 403, "invalid-token") { Token = "{secret}x" },
        new("token folded twice into one header", 403, "invalid-token") { Token = "{secret}, {secret}" },
        new("token of 10 KB", 403, "invalid-token") { Token = new string('t', 10 * 1024) },
        new("header of 100 KB", 431) { Headers = [new("X-Padding", new string('p', 100 * 1024))] },
        new("signature garbage", 403, "invalid-signature") { Signed = true, WithToken = false, Headers = Signature("msg_1", "{now}", "v1,!!!not-base64!!!") },
        new("signature without v1 prefix", 403, "invalid-signature") { Signed = true, WithToken = false, Headers = Signature("msg_1", "{now}", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=") },
        new("signature of the wrong length", 403, "invalid-signature") { Signed = true, WithToken = false, Headers = Signature("msg_1", "{now}", "v1,AAAA") },
        new("signature header without webhook-id", 401, "missing-signature") { Signed = true, WithToken = false, Headers = [new("webhook-timestamp", "{now}"), new("webhook-signature", "v1,AAAA")] },
        new("signature timestamp not a number", 403, "stale-signature") { Signed = true, WithToken = false, Headers = Signature("msg_1", "yesterday", "v1,AAAA") },
        new("signature timestamp negative", 403, "stale-signature") { Signed = true, WithToken = false, Headers = Signature("msg_1", "-1", "v1,AAAA") },
        new("signature timestamp 30 digits", 403, "stale-signature") { Signed = true, WithToken = false, Headers = Signature("msg_1", new string('9', 30), "v1,AAAA") },
        new("bad signature with a correct token", 403, "invalid-signature") { Signed = true, Headers = Signature("msg_1", "{now}", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=") },

        // Content type.
        new("no content type", 415, "unsupported-media-type") { ContentType = null },
        new("text/plain", 415, "unsupported-media-type") { ContentType = "text/plain" },
        new("form urlencoded", 415, "unsupported-media-type") { ContentType = "application/x-www-form-urlencoded" },
        new("multipart", 415, "unsupported-media-type") { ContentType = "multipart/form-data; boundary=x" },
        new("text/json", 415, "unsupported-media-type") { ContentType = "text/json" },
        new("application/jsonp", 415, "unsupported-media-type") { ContentType = "application/jsonp" },
        new("application/xml", 415, "unsupported-media-type") { ContentType = "application/xml" },
        new("content type of separators only", 415, "unsupported-media-type") { ContentType = ";;;" },

        // Methods.
        new("GET", 405) { Method = "GET", Body = null, ContentType = null },
        new("PUT", 405) { Method = "PUT" },
        new("DELETE", 405) { Method = "DELETE", Body = null, ContentType = null },
        new("PATCH", 405) { Method = "PATCH" },
        new("HEAD", 405) { Method = "HEAD", Body = null, ContentType = null },
        new("OPTIONS", 405) { Method = "OPTIONS", Body = null, ContentType = null },

        // connectionId.
        new("encoded path traversal", 404, "unknown-connection") { Path = "api/webhooks/gitlab/..%2F..%2Fetc" },
        new("dot segments", 404) { Path = "api/webhooks/gitlab/../../etc" },
        new("upper-case id", 404, "unknown-connection") { Path = "api/webhooks/gitlab/{ID}" },
        new("65-character id", 404, "unknown-connection") { Path = "api/webhooks/gitlab/" + new string('a', 65) },
        new("unicode id", 404, "unknown-connection") { Path = "api/webhooks/gitlab/t%C3%ABst" },
        new("encoded NUL in id", 400) { Path = "api/webhooks/gitlab/{id}%00" },
        new("encoded newline in id", 404, "unknown-connection") { Path = "api/webhooks/gitlab/{id}%0A" },
        new("space in id", 404, "unknown-connection") { Path = "api/webhooks/gitlab/a%20b" },
        new("quote in id", 404, "unknown-connection") { Path = "api/webhooks/gitlab/x'or'1'='1" },
        new("empty id", 404) { Path = "api/webhooks/gitlab/" },
        new("extra segment", 404) { Path = "api/webhooks/gitlab/{id}/extra" },
        new("well-formed unknown id", 404, "unknown-connection") { Path = "api/webhooks/gitlab/a" },
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var hostile in All)
        {
            data.Add(hostile.Name);
        }

        return data;
    }

    public static HostileCase Named(string name) => All.Single(c => c.Name == name);

    private static KeyValuePair<string, string>[] Signature(string id, string timestamp, string signature) =>
        [new("webhook-id", id), new("webhook-timestamp", timestamp), new("webhook-signature", signature)];
}
