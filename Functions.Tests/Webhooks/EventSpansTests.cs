using GitLabConnector.Webhooks;

namespace GitLabConnector.Tests.Webhooks;

public class EventSpansTests
{
    [Theory]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null, "0af7651916cd43dd8448eb211c80319c")]
    [InlineData(null, "0af7651916cd43dd8448eb211c80319c", "0af7651916cd43dd8448eb211c80319c")]
    [InlineData("not-a-traceparent", "0AF7651916CD43DD8448EB211C80319C", null)]
    [InlineData(null, "00000000000000000000000000000000", null)]
    [InlineData(null, "idem-1", null)]
    [InlineData(null, null, null)]
    public void The_envelope_traceparent_else_a_W3C_correlation_id_becomes_the_enrich_parent(string? traceParent, string? correlationId, string? traceId)
    {
        var envelope = new EventEnvelope
        {
            EventId = "e", DedupeKey = "d", ConnectionId = "c", EventName = "Push Hook", ReceivedAt = DateTimeOffset.UnixEpoch,
            TraceParent = traceParent, CorrelationId = correlationId,
        };

        var parent = EventSpans.ParentOf(envelope);

        Assert.Equal(traceId, parent?.TraceId.ToHexString());
    }
}
