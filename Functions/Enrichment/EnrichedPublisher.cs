using GitLabConnector.Webhooks;
using GitLabConnector.Storage;
using GitLabConnector.Telemetry;

namespace GitLabConnector.Enrichment;

/// <summary>
/// A record too large for a queue message goes to the payload container and the message carries <c>recordRef</c>.
/// At-least-once (a crash between publish and "done" republishes): consumers key on eventId.
/// </summary>
public sealed class EnrichedPublisher(IQueueService queues, IBlobService blobs, IOptions<WebhookOptions> options, IOptions<QueueOptions> queueOptions)
{
    public async Task PublishAsync(EnrichedRecord record, string json, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = json;
        if (Encoding.UTF8.GetByteCount(json) > IQueueService.MaxMessageBytes)
        {
            var blobName = $"enriched/{record.ConnectionId}/{record.EventId}.json";
            await blobs.UploadCreatingContainerAsync(settings.PayloadContainer, blobName, Encoding.UTF8.GetBytes(json), "application/json", cancellationToken).ConfigureAwait(false);
            message = JsonSerializer.Serialize(new EnrichedReference(EnrichedRecord.SchemaId, record.EventId, record.ConnectionId, record.Kind, $"{settings.PayloadContainer}/{blobName}"), JsonSerializerOptions.Web);
        }

        using var activity = ConnectorActivitySource.StartPublish(queueOptions.Value.Enriched, record.EventId);
        using var sendOnce = QueueSendPolicy.SendOnce();
        await queues.SendCreatingQueueAsync(queueOptions.Value.Enriched, message, cancellationToken).ConfigureAwait(false);
    }

    // Serialised with the web (camelCase) options.
    private sealed record EnrichedReference(string Schema, string EventId, string ConnectionId, string Kind, string RecordRef);
}
