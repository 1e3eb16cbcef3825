using System.Security.Cryptography;
using GitLabConnector.Enrichment;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Sync;

/// <summary>
/// The change's identity is the dedupe key, so it is enriched and published exactly as a webhook would be, and a change
/// already published (by a webhook or an earlier sync) is not published again.
/// </summary>
public sealed class SyncChangePublisher(EnrichmentProcessor processor, TimeProvider time, ILogger<SyncChangePublisher> logger)
{
    /// <summary>The event id is derived from the sync and the change: a page worked again after a crash finds its own publications.</summary>
    public async Task<string> PublishAsync(SyncRun run, string kind, JsonObject shaped, string messageId, long dequeueCount, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToElement(shaped, SyncJsonContext.Default.JsonObject);
        if (ChangeKey.For(kind, payload) is not [var changeKey])
        {
            SyncLog.Unidentified(logger, run.SyncId, kind);
            return "unidentified";
        }

        var envelope = new EventEnvelope
        {
            EventId = EventSources.SyncEventIdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(run.SyncId + "\n" + changeKey)))[..32],
            DedupeKey = changeKey,
            ConnectionId = run.ConnectionId,
            EventName = SyncKinds.EventName(kind),
            ObjectKind = kind,
            ReceivedAt = time.GetUtcNow(),
            Source = EventSources.Sync,
            CorrelationId = run.SyncId,
            Payload = payload,
        };
        var text = JsonSerializer.Serialize(envelope, SyncJsonContext.Default.EventEnvelope);
        return await processor.ProcessAsync(new EnrichmentMessage(messageId, text, dequeueCount), cancellationToken).ConfigureAwait(false);
    }
}
