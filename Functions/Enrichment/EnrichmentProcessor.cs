using GitLabConnector.Storage;
using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Secrets;
using GitLabConnector.Telemetry;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Claims one queued event (once per dedupe key), drops cross-hook duplicates, enriches, stores, publishes, marks done.
/// A transient failure throws, so the queue retries and finally poisons it (the reason kept for the dead-letter API); a
/// refused token is re-read once (it may have just been rotated), else the event is parked and the connection marked
/// unhealthy; a message no retry can fix goes straight to the poison queue. A sync's envelope (<c>source: sync</c>) is
/// keyed by the change's identity, under which webhooks register their changes too, so each change is published once.
/// </summary>
public sealed class EnrichmentProcessor(
    EnvelopeReader reader,
    DedupeStore dedupe,
    ConnectionCache connectionCache,
    IConnectionStore connections,
    ISecretStore secrets,
    EventEnricher enricher,
    EnrichedRecordStore records,
    ProjectActivity activity,
    EnrichedPublisher publisher,
    ParkedEventStore parked,
    FailureLog failures,
    DeliveryOutcomes outcomes,
    IQueueService queues,
    IOptions<QueueOptions> options,
    EnrichmentMetrics metrics,
    TimeProvider time,
    IEnumerable<ISecretCache> secretCaches,
    IEnumerable<IAccessTokenEventHandler> tokenEventHandlers,
    ILogger<EnrichmentProcessor> logger) : IDisposable
{
    // Events this instance published but could not mark done (storage failed after the publish): their retry marks them
    // done instead of publishing again. Memory only: after a restart, or on another instance, the retry republishes
    // (at-least-once, never lost). Expiry and size only bound memory; an entry goes once its event is marked done.
    private readonly BoundedTtlCache<(string ConnectionId, string DedupeKey), bool> _unmarked = new(time, TimeSpan.FromHours(1), 10_000);

    /// <returns>The outcome (<c>enriched</c>, <c>partial</c>, <c>duplicate</c>, <c>redelivered</c>, <c>deferred</c>, <c>parked</c>, …).</returns>
    public async Task<string> ProcessAsync(EnrichmentMessage message, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // Records the outcome's metric and returns the outcome.
        string Record(string outcome, string? kind)
        {
            metrics.Record(outcome, kind, Stopwatch.GetElapsedTime(started));
            return outcome;
        }

        EventEnvelope envelope;
        JsonDocument payload;
        try
        {
            (envelope, payload) = await reader.ReadAsync(message.Text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MalformedEnvelopeException or JsonException)
        {
            ProcessingLog.Malformed(logger, message.MessageId, e.Message);
            await queues.SendCreatingQueueAsync(QueueNames.Poison(options.Value.Events), message.Text, cancellationToken).ConfigureAwait(false);
            return Record("malformed", null);
        }

        using (payload)
        using (EventSpans.StartEnrich(envelope, message.MessageId, message.DequeueCount))
        using (logger.BeginScope(new Dictionary<string, object?> { [TelemetryNames.Logs.GitLabEventId] = envelope.EventId, [TelemetryNames.Logs.GitLabConnectionId] = envelope.ConnectionId }))
        {
            if (_unmarked.TryGet((envelope.ConnectionId, envelope.DedupeKey), out _))
            {
                // This instance published the event but could not mark it done: mark it now, never publish it again.
                await MarkPublishedDoneAsync(envelope, cancellationToken).ConfigureAwait(false);
                ProcessingLog.MarkedDoneAfterPublish(logger, envelope.EventId, envelope.ConnectionId, message.DequeueCount);
                return Record("enriched", envelope.ObjectKind);
            }

            var claim = await dedupe.TryClaimAsync(envelope.ConnectionId, envelope.DedupeKey, envelope.EventId, message.MessageId, cancellationToken).ConfigureAwait(false);
            if (claim.Outcome == ClaimOutcome.AlreadyDone)
            {
                ProcessingLog.Duplicate(logger, envelope.EventId, envelope.ConnectionId, "already processed");
                if (claim.OwnerEventId is { } owner && owner != envelope.EventId)
                {
                    await outcomes.RecordAsync(envelope.ConnectionId, envelope.EventId, DeliveryOutcomes.Duplicate, $"the same delivery was processed as event {owner}", owner, cancellationToken).ConfigureAwait(false);
                }

                // The same event again (a resend, a retried sync page) is no other event's duplicate.
                return Record(claim.OwnerEventId == envelope.EventId ? "redelivered" : "duplicate", envelope.ObjectKind);
            }

            if (claim.Outcome == ClaimOutcome.InProgressElsewhere)
            {
                // Another worker holds a live claim. If it finishes, this copy is a duplicate; if it died, its claim
                // lapses. Either way, look again after the lease instead of guessing now (a sync looks again with its page).
                var recheckIn = (claim.LeaseUntil ?? time.GetUtcNow() + dedupe.Lease) - time.GetUtcNow() + TimeSpan.FromSeconds(2);
                if (envelope.Source is null)
                {
                    await queues.SendMessageAsync(options.Value.Events, message.Text, recheckIn < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : recheckIn, cancellationToken).ConfigureAwait(false);
                }

                ProcessingLog.Deferred(logger, envelope.EventId, envelope.ConnectionId, (int)recheckIn.TotalSeconds);
                return Record("deferred", envelope.ObjectKind);
            }

            await using var heartbeat = new ClaimHeartbeat(dedupe, time, envelope.ConnectionId, envelope.DedupeKey, claim.Token!, cancellationToken);
            try
            {
                return Record(await ProcessClaimedAsync(envelope, payload.RootElement, message, heartbeat, cancellationToken).ConfigureAwait(false), envelope.ObjectKind);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && PayloadShapeError.Describe(e) is { } invalid)
            {
                // The payload lacks a field or holds one of the wrong type: every retry would fail the same way.
                ProcessingLog.Invalid(logger, envelope.EventId, envelope.ConnectionId, invalid);
                // Counted before the writes, so an attempt whose writes fail is still counted once.
                var outcome = Record("invalid", envelope.ObjectKind);
                await outcomes.RecordAsync(envelope.ConnectionId, envelope.EventId, DeliveryOutcomes.Invalid, invalid, null, cancellationToken).ConfigureAwait(false);
                await dedupe.MarkDoneAsync(envelope.ConnectionId, envelope.DedupeKey, envelope.EventId, "invalid: " + invalid, cancellationToken).ConfigureAwait(false);
                return outcome;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = $"{e.GetType().Name}: {e.Message}";
                ProcessingLog.Failed(logger, envelope.EventId, envelope.ConnectionId, message.DequeueCount, reason);
                Record("failed", envelope.ObjectKind);
                await BestEffortAsync(() => failures.RecordAsync(envelope.ConnectionId, envelope.EventId, reason, message.DequeueCount, CancellationToken.None)).ConfigureAwait(false);
                await heartbeat.StopAsync().ConfigureAwait(false);
                if (e is not PublishedNotMarkedDoneException)
                {
                    // Never after the publish: a released claim would be taken by the retry and published again.
                    await BestEffortAsync(() => dedupe.ReleaseAsync(envelope.ConnectionId, envelope.DedupeKey, CancellationToken.None)).ConfigureAwait(false);
                }

                throw;
            }
        }
    }

    public void Dispose() => _unmarked.Dispose();

    private async Task<string> ProcessClaimedAsync(EventEnvelope envelope, JsonElement payload, EnrichmentMessage message, ClaimHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        if (envelope.Source is null && ContentKey.For(envelope.ObjectKind, payload) is { } contentKey)
        {
            var owner = await dedupe.ClaimContentAsync(envelope.ConnectionId, contentKey, envelope.EventId, cancellationToken).ConfigureAwait(false);
            if (owner != envelope.EventId)
            {
                return await DuplicateAsync(envelope, owner, "the same change arrived as another event (another hook, or a resend under a new key)", cancellationToken).ConfigureAwait(false);
            }
        }

        if (envelope.Source is null
            && await dedupe.RegisterChangesAsync(envelope.ConnectionId, ChangeKey.For(EventFacts.Kind(envelope, payload), payload), envelope.EventId, cancellationToken).ConfigureAwait(false) is { } syncOwner)
        {
            return await DuplicateAsync(envelope, syncOwner, "a sync already published the same change", cancellationToken).ConfigureAwait(false);
        }

        // Through the same short-TTL cache as ingestion: one table read less per event; a disconnect made on another
        // instance takes effect here within ConnectionCacheTtl, as it does for ingestion.
        var connection = await connectionCache.GetAsync(envelope.ConnectionId, cancellationToken).ConfigureAwait(false);
        if (connection is null || connection.Status != ConnectionStatus.Active)
        {
            ProcessingLog.Dropped(logger, envelope.EventId, envelope.ConnectionId);
            await outcomes.RecordAsync(envelope.ConnectionId, envelope.EventId, DeliveryOutcomes.Ignored, "the connection was disconnected before the event was processed", null, cancellationToken).ConfigureAwait(false);
            await dedupe.MarkDoneAsync(envelope.ConnectionId, envelope.DedupeKey, envelope.EventId, "connection disconnected", cancellationToken).ConfigureAwait(false);
            return "dropped";
        }

        var tokenName = SecretNames.Token(connection.Id);
        var token = await secrets.GetAsync(tokenName, null, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return await ParkAsync(envelope, message, connection, "no GitLab token is stored for the connection", cancellationToken).ConfigureAwait(false);
        }

        EnrichedRecord? record;
        try
        {
            record = await TryEnrichAsync(envelope, payload, connection, token.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (GitLabUntrustedCertificateException)
        {
            // No retry meets another certificate: parked until the connection's CA is set, which re-drives it.
            return await ParkAsync(envelope, message, connection, "GitLab's TLS certificate is not trusted; set the connection's caCertificate", cancellationToken).ConfigureAwait(false);
        }

        if (record is null)
        {
            // GitLab refused the token: an operator may have just rotated it, so re-read it once before parking.
            foreach (var cache in secretCaches)
            {
                cache.Invalidate(tokenName);
            }

            var latest = await secrets.GetAsync(tokenName, null, cancellationToken).ConfigureAwait(false);
            var changed = latest is not null && latest.Version != token.Version;
            ProcessingLog.TokenRefused(logger, connection.Id, changed);
            record = changed ? await TryEnrichAsync(envelope, payload, connection, latest!.Value, cancellationToken).ConfigureAwait(false) : null;
            if (record is null)
            {
                var reason = changed ? "GitLab refused the token (401), also after re-reading the latest version" : "GitLab refused the token (401)";
                return await ParkAsync(envelope, message, connection, reason, cancellationToken).ConfigureAwait(false);
            }
        }

        if (envelope.ObjectKind == "access_token")
        {
            foreach (var handler in tokenEventHandlers)
            {
                await handler.HandleAsync(connection.Id, payload, cancellationToken).ConfigureAwait(false);
            }
        }

        var json = JsonSerializer.Serialize(record, EnrichmentJsonContext.Default.EnrichedRecord);
        await records.SaveAsync(record, json, cancellationToken).ConfigureAwait(false);

        // Fencing: publish only while the claim is provably ours, so a worker whose lease lapsed under load (and was
        // taken over) does not publish a second copy. The heartbeat renews the fenced claim until it is marked done.
        if (await heartbeat.FenceAsync().ConfigureAwait(false) is not { } claim)
        {
            ProcessingLog.Superseded(logger, envelope.EventId, envelope.ConnectionId);
            return "superseded";
        }

        await publisher.PublishAsync(record, json, cancellationToken).ConfigureAwait(false);
        ProcessingLog.Published(logger, envelope.EventId, envelope.ConnectionId, message.DequeueCount, message.MessageId, claim.ClaimId);
        try
        {
            await MarkPublishedDoneAsync(envelope, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
        {
            _unmarked.Set((envelope.ConnectionId, envelope.DedupeKey), true);
            throw new PublishedNotMarkedDoneException($"event {envelope.EventId} was published but could not be marked done", e);
        }

        // lastEventAt says when a project's hook last delivered; a sync reaching the project is not a delivery.
        if (record.Project?.Id is { } projectId && envelope.Source != EventSources.Sync)
        {
            await BestEffortAsync(() => activity.RecordAsync(envelope.ConnectionId, projectId, envelope.ReceivedAt, CancellationToken.None)).ConfigureAwait(false);
        }

        if (message.DequeueCount > 1)
        {
            await BestEffortAsync(() => failures.ClearAsync(envelope.ConnectionId, envelope.EventId, CancellationToken.None)).ConfigureAwait(false);
        }

        if (!connection.Healthy)
        {
            await SetHealthAsync(connection, true, null, cancellationToken).ConfigureAwait(false);
        }

        metrics.RecordLag(time.GetUtcNow() - envelope.ReceivedAt);
        ProcessingLog.Enriched(logger, record.Kind, record.EventId, record.ConnectionId, record.Partial);
        return record.Partial ? "partial" : "enriched";
    }

    private async Task<string> DuplicateAsync(EventEnvelope envelope, string owner, string reason, CancellationToken cancellationToken)
    {
        ProcessingLog.Duplicate(logger, envelope.EventId, envelope.ConnectionId, $"same change as event {owner}");
        await outcomes.RecordAsync(envelope.ConnectionId, envelope.EventId, DeliveryOutcomes.Duplicate, reason, owner, cancellationToken).ConfigureAwait(false);
        await dedupe.MarkDoneAsync(envelope.ConnectionId, envelope.DedupeKey, envelope.EventId, $"duplicate of {owner}", cancellationToken).ConfigureAwait(false);
        return "duplicate";
    }

    private async Task MarkPublishedDoneAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        await dedupe.MarkDoneAsync(envelope.ConnectionId, envelope.DedupeKey, envelope.EventId, null, cancellationToken).ConfigureAwait(false);
        _unmarked.Remove((envelope.ConnectionId, envelope.DedupeKey));
    }

    /// <summary>The enriched record, or null when GitLab refused the token (401).</summary>
    private async Task<EnrichedRecord?> TryEnrichAsync(EventEnvelope envelope, JsonElement payload, ConnectionRecord connection, string token, CancellationToken cancellationToken)
    {
        try
        {
            var gitLab = await secrets.GitLabConnectionAsync(connection, token, cancellationToken).ConfigureAwait(false) with { Background = envelope.Source == EventSources.Sync };
            return await enricher.EnrichAsync(envelope, payload, gitLab, cancellationToken).ConfigureAwait(false);
        }
        catch (GitLabUnauthorizedException)
        {
            return null;
        }
    }

    private async Task<string> ParkAsync(EventEnvelope envelope, EnrichmentMessage message, ConnectionRecord connection, string reason, CancellationToken cancellationToken)
    {
        await parked.ParkAsync(envelope.ConnectionId, envelope.EventId, message.Text, reason, cancellationToken).ConfigureAwait(false);
        await dedupe.ForgetAsync(envelope.ConnectionId, envelope.DedupeKey, cancellationToken).ConfigureAwait(false);
        if (connection.Healthy || connection.HealthReason != reason)
        {
            await SetHealthAsync(connection, false, reason, cancellationToken).ConfigureAwait(false);
        }

        ProcessingLog.Parked(logger, envelope.EventId, envelope.ConnectionId, reason);
        return "parked";
    }

    private async Task SetHealthAsync(ConnectionRecord connection, bool healthy, string? reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await connections.UpdateAsync(connection with { Healthy = healthy, HealthReason = reason, UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
                connectionCache.Invalidate(connection.Id);
                return;
            }
            catch (ConnectionConflictException)
            {
                connection = await connections.GetAsync(connection.Id, cancellationToken).ConfigureAwait(false) ?? connection;
            }
        }
    }

    private static async Task BestEffortAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
        {
            // Bookkeeping only: the retry or poison path carries on without it.
        }
    }
}
