using GitLabConnector.Storage;

namespace GitLabConnector.Webhooks;

/// <summary>
/// The one durable write that accepts an event: the envelope as a queue message, or — past the queue's 64 KiB limit —
/// the exact body as a blob first and a message pointing to it. Queues and containers are created on first use.
/// </summary>
public sealed class EventQueueWriter(IQueueService queues, IBlobService blobs, IOptions<WebhookOptions> options, IOptions<QueueOptions> queueOptions)
{
    /// <returns>True when the payload went through the claim-check blob.</returns>
    public async Task<bool> EnqueueAsync(EventEnvelope envelope, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var writeDeadline = options.Value.WriteDeadline;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(writeDeadline);
        var container = options.Value.PayloadContainer;
        var message = EventEnvelopeWriter.Write(envelope, payload.Span);
        var claimCheck = message.Length > IQueueService.MaxMessageBytes;
        try
        {
            if (claimCheck)
            {
                var blobName = $"{envelope.ConnectionId}/{envelope.EventId}.json";
                await blobs.UploadCreatingContainerAsync(container, blobName, payload, "application/json", deadline.Token).ConfigureAwait(false);
                message = EventEnvelopeWriter.Write(envelope with { PayloadRef = $"{container}/{blobName}" }, default);
            }

            await queues.SendCreatingQueueAsync(queueOptions.Value.Events, Encoding.UTF8.GetString(message), deadline.Token).ConfigureAwait(false);
            return claimCheck;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RequestFailedException(408, $"Storage did not answer within {writeDeadline.TotalSeconds:0} s");
        }
    }
}
