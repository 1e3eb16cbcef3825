using System.Buffers;

namespace GitLabConnector.Webhooks;

/// <summary>An <see cref="EventEnvelope"/> with the validated body copied in verbatim (no re-parse), or its <c>payloadRef</c>.</summary>
public static class EventEnvelopeWriter
{
    public static byte[] Write(EventEnvelope envelope, ReadOnlySpan<byte> payload)
    {
        var buffer = new ArrayBufferWriter<byte>(payload.Length + 768);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("schema", envelope.Schema);
            json.WriteString("eventId", envelope.EventId);
            json.WriteString("dedupeKey", envelope.DedupeKey);
            json.WriteString("connectionId", envelope.ConnectionId);
            json.WriteString("eventName", envelope.EventName);
            WriteOptional(json, "objectKind", envelope.ObjectKind);
            json.WriteString("receivedAt", envelope.ReceivedAt);
            WriteOptional(json, "webhookUuid", envelope.WebhookUuid);
            WriteOptional(json, "eventUuid", envelope.EventUuid);
            WriteOptional(json, "instance", envelope.Instance);
            WriteOptional(json, "idempotencyKey", envelope.IdempotencyKey);
            WriteOptional(json, "correlationId", envelope.CorrelationId);
            WriteOptional(json, "traceparent", envelope.TraceParent);
            if (envelope.PayloadRef is not null)
            {
                json.WriteString("payloadRef", envelope.PayloadRef);
            }
            else
            {
                json.WritePropertyName("payload");
                json.WriteRawValue(payload, skipInputValidation: true);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
