using System.Text;
using System.Text.Json;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Tests.Webhooks;

public class EventIdentityTests
{
    [Fact]
    public void Event_id_prefers_the_idempotency_key_then_the_event_uuid()
    {
        Assert.Equal("idem-1", EventIdentity.EventId("idem-1", "uuid-1"));
        Assert.Equal("uuid-1", EventIdentity.EventId(null, "uuid-1"));
        Assert.True(Guid.TryParse(EventIdentity.EventId(null, null), out _));
        Assert.True(Guid.TryParse(EventIdentity.EventId(null, "../../etc"), out _));
    }

    [Fact]
    public void Dedupe_key_is_the_idempotency_key_when_present()
    {
        Assert.Equal("idem-1", EventIdentity.DedupeKey("c1", "Push Hook", "idem-1", "{}"u8));
    }

    [Fact]
    public void Dedupe_key_without_idempotency_key_hashes_connection_event_and_body()
    {
        var a = EventIdentity.DedupeKey("c1", "Push Hook", null, "{\"a\":1}"u8);
        Assert.Equal(a, EventIdentity.DedupeKey("c1", "Push Hook", null, "{\"a\":1}"u8));
        Assert.NotEqual(a, EventIdentity.DedupeKey("c2", "Push Hook", null, "{\"a\":1}"u8));
        Assert.NotEqual(a, EventIdentity.DedupeKey("c1", "Tag Push Hook", null, "{\"a\":1}"u8));
        Assert.NotEqual(a, EventIdentity.DedupeKey("c1", "Push Hook", null, "{\"a\":2}"u8));
        Assert.StartsWith("sha256-", a, StringComparison.Ordinal);
        Assert.Equal(7 + 64, a.Length);
    }

    [Theory]
    [InlineData("3a1b2c3d-0000-4000-8000-000000000000", true)]
    [InlineData("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", true)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    [InlineData("ü", false)]
    public void Accepts_only_safe_identifiers(string value, bool safe)
    {
        Assert.Equal(safe, EventIdentity.IsSafeId(value));
    }

    [Fact]
    public void Envelope_embeds_the_body_verbatim_and_matches_the_schema()
    {
        var payload = Encoding.UTF8.GetBytes("{\"object_kind\":\"push\",\"n\":1.50,\"s\":\"\\u00e9\"}");
        var envelope = new EventEnvelope
        {
            EventId = "e1",
            DedupeKey = "d1",
            ConnectionId = "c1",
            EventName = "Push Hook",
            ObjectKind = "push",
            ReceivedAt = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
            IdempotencyKey = "e1",
        };

        var bytes = EventEnvelopeWriter.Write(envelope, payload);
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Contains("\"payload\":{\"object_kind\":\"push\",\"n\":1.50,\"s\":\"\\u00e9\"}", text, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(bytes);
        Assert.Equal(EventEnvelope.SchemaId, doc.RootElement.GetProperty("schema").GetString());
        Assert.Equal("2026-11-22T10:00:00+00:00", doc.RootElement.GetProperty("receivedAt").GetString());
        var parsed = JsonSerializer.Deserialize<EventEnvelope>(bytes)!;
        Assert.Equal("c1", parsed.ConnectionId);
        Assert.Null(parsed.PayloadRef);
    }

    [Fact]
    public void Claim_check_envelope_has_a_reference_and_no_payload()
    {
        var envelope = new EventEnvelope
        {
            EventId = "e1", DedupeKey = "d1", ConnectionId = "c1", EventName = "Push Hook", ReceivedAt = DateTimeOffset.UnixEpoch,
            PayloadRef = "gitlab-payloads/c1/e1.json",
        };
        using var doc = JsonDocument.Parse(EventEnvelopeWriter.Write(envelope, default));
        Assert.False(doc.RootElement.TryGetProperty("payload", out _));
        Assert.Equal("gitlab-payloads/c1/e1.json", doc.RootElement.GetProperty("payloadRef").GetString());
    }
}
