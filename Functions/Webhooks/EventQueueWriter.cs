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
            await UploadAsync(settings.PayloadContainer, blobName, payload, cancellationToken).ConfigureAwait(false);
            message = EventEnvelopeWriter.Write(envelope with { PayloadRef = $"{settings.PayloadContainer}/{blobName}" }, default);
        }

        await SendAsync(settings.Queues.Events, Encoding.UTF8.GetString(message), cancellationToken).ConfigureAwait(false);
        return claimCheck;
    }

    private async Task UploadAsync(string container, string blobName, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            await blobs.UploadAsync(container, blobName, payload, "application/json", overwrite: true, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.Status == 404)
        {
            await blobs.CreateContainerIfNotExistsAsync(container, cancellationToken).ConfigureAwait(false);
            await blobs.UploadAsync(container, blobName, payload, "application/json", overwrite: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(string queue, string text, CancellationToken cancellationToken)
    {
        try
        {
            await queues.SendMessageAsync(queue, text, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.Status == 404)
        {
            await queues.CreateQueueIfNotExistsAsync(queue, cancellationToken).ConfigureAwait(false);
            await queues.SendMessageAsync(queue, text, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
