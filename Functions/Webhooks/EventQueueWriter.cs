using GitLabConnector.Storage;

namespace GitLabConnector.Webhooks;

/// <summary>
/// The one durable write that accepts an event: the envelope as a queue message, or — when it would pass the queue's
/// 64 KiB limit — the exact body as a blob first and then a message pointing to it. Queues and containers are created
/// on first use, so start-up does no storage round trips.
/// </summary>
public sealed class EventQueueWriter(IQueueService queues, IBlobService blobs, IOptions<WebhookOptions> options, IOptions<QueueOptions> queueOptions)
{
    /// <summary>
    /// GitLab gives a webhook 10 s (gitlab.com and the self-managed default) and counts a timeout as a failure toward
    /// disabling the hook. A storage call the SDK keeps waiting on (its per-try limit is 30 s) is cut off before that, so
    /// GitLab gets a 503 it can log instead of a timeout. A write that lands after the cut is processed all the same.
    /// </summary>
    public static readonly TimeSpan WriteDeadline = TimeSpan.FromSeconds(8);

    /// <returns>True when the payload went through the claim-check blob.</returns>
    public async Task<bool> EnqueueAsync(EventEnvelope envelope, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(WriteDeadline);
        try
        {
            return await WriteAsync(envelope, payload, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RequestFailedException(408, $"Storage did not answer within {WriteDeadline.TotalSeconds:0} s");
        }
    }

    private async Task<bool> WriteAsync(EventEnvelope envelope, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
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

        await queues.SendCreatingQueueAsync(queueOptions.Value.Events, Encoding.UTF8.GetString(message), cancellationToken).ConfigureAwait(false);
        return claimCheck;
    }
}
