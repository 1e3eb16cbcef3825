using GitLabConnector.Storage;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Enrichment;

/// <summary>Parses a queued envelope and loads its payload, inline or from the claim-check blob.</summary>
public sealed class EnvelopeReader(IBlobService blobs)
{
    public async Task<(EventEnvelope Envelope, JsonDocument Payload)> ReadAsync(string messageText, CancellationToken cancellationToken)
    {
        EventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<EventEnvelope>(messageText);
        }
        catch (JsonException e)
        {
            throw new MalformedEnvelopeException("the message is not a JSON event envelope", e);
        }

        if (envelope is null || envelope.Schema != EventEnvelope.SchemaId || string.IsNullOrEmpty(envelope.ConnectionId) || string.IsNullOrEmpty(envelope.DedupeKey))
        {
            throw new MalformedEnvelopeException($"the message is not a {EventEnvelope.SchemaId} envelope");
        }

        if (envelope.Payload is { ValueKind: JsonValueKind.Object } inline)
        {
            return (envelope, JsonDocument.Parse(inline.GetRawText()));
        }

        if (envelope.PayloadRef is not { } reference || reference.Split('/', 2) is not [var container, var blobName])
        {
            throw new MalformedEnvelopeException("the envelope has neither a payload nor a payloadRef");
        }

        var content = await blobs.DownloadAsync(container, blobName, cancellationToken).ConfigureAwait(false)
            ?? throw new MalformedEnvelopeException($"the claim-check blob {reference} does not exist");
        return (envelope, JsonDocument.Parse(content.ToMemory()));
    }
}

/// <summary>A message that no retry can fix; it goes straight to the poison queue with this reason.</summary>
public sealed class MalformedEnvelopeException(string message, Exception? innerException = null) : Exception(message, innerException);
