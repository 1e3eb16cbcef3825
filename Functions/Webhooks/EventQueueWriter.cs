using System.Text;
using GitLabConnector.Hosting;
using GitLabConnector.Storage;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Webhooks;

/// <summary>
/// The one durable write that accepts an event: the envelope as a queue message, or — when it would pass the queue's
/// 64 KiB limit — the exact body as a blob first and then a message pointing to it. Queues and containers are created
/// on first use, so start-up does no storage round trips.
/// </summary>
public sealed class EventQueueWriter(IQueueService queues, IBlobService blobs, IOptions<ConnectorOptions> options)
{
    /// <returns>True when the payload went through the claim-check blob.</returns>
    public async Task<bool> EnqueueAsync(EventEnvelope envelope, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var settings = options.Value;
        var message = EventEnvelopeWriter.Write(envelope, payload.Span);
        var claimCheck = message.Length > IQueueService.MaxMessageBytes;
        if (claimCheck)
        {
            var blobName = $"{envelope.ConnectionId}/{envelope.EventId}.json";
            await blobs.UploadCreatingContainerAsync(settings.PayloadContainer, blobName, payload, "application/json", cancellationToken).ConfigureAwait(false);
            message = EventEnvelopeWriter.Write(envelope with { PayloadRef = $"{settings.PayloadContainer}/{blobName}" }, default);
        }

        await queues.SendCreatingQueueAsync(settings.Queues.Events, Encoding.UTF8.GetString(message), cancellationToken).ConfigureAwait(false);
        return claimCheck;
    }
}
