using System.Text;
using System.Text.Json;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Edge cases the hostile-input suite found: depth against the consumer's limit, and unreadable object_kind strings.</summary>
public sealed class DeliveryValidatorEdgeTests
{
    [Fact]
    public void Deepest_accepted_body_still_fits_the_consumers_depth_limit_once_wrapped_in_the_envelope()
    {
        var body = Nested(DeliveryValidator.MaxPayloadDepth);
        Assert.True(DeliveryValidator.Validate("Push Hook", body).IsValid);

        var envelope = EventEnvelopeWriter.Write(
            new EventEnvelope { EventId = "e", DedupeKey = "d", ConnectionId = "c", EventName = "Push Hook", ReceivedAt = DateTimeOffset.UnixEpoch },
            body);
        Assert.NotNull(JsonSerializer.Deserialize<EventEnvelope>(envelope)?.Payload);
    }

    [Fact]
    public void Body_one_level_deeper_than_the_limit_is_invalid_json()
    {
        Assert.Equal("invalid-json", DeliveryValidator.Validate("Push Hook", Nested(DeliveryValidator.MaxPayloadDepth + 1)).Reason);
    }

    [Theory]
    [InlineData("{\"object_kind\":\"\\ud800\"}")]
    [InlineData("{\"object_kind\":\"push\\udfff\"}")]
    public void Object_kind_escaping_a_lone_surrogate_is_a_bad_object_kind(string body)
    {
        Assert.Equal("bad-object-kind", DeliveryValidator.Validate("Push Hook", Encoding.UTF8.GetBytes(body)).Reason);
    }

    // An object (depth 1) holding arrays nested to reach the given depth.
    private static byte[] Nested(int depth) =>
        Encoding.UTF8.GetBytes("{\"object_kind\":\"push\",\"a\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}");
}
