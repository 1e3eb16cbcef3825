using GitLabConnector.Storage;
using Polly;
using Polly.Retry;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Exactly-once bookkeeping for events (table <c>dedupe</c>, partition = connection, row = dedupe key).
/// A claim is an insert-if-absent with a short lease that the worker renews while it runs; finished events are marked
/// done and never processed again. A claim can be re-taken only once its lease has lapsed (its worker died) or it was
/// released after a failure. While a live claim exists, other copies of the event are not processed — the caller
/// re-checks them after the lease (see <see cref="ClaimResult.LeaseUntil"/>), so nothing is dropped on a guess.
/// <para>
/// Every claim carries a unique <c>ClaimId</c>. A conditional write that fails with 409/412 is read back: when the row still
/// holds our ClaimId, the failure was the SDK retrying a write of ours that had succeeded (a timeout under load), not a
/// rival — treating it as lost would abandon or re-run the event.
/// </para>
/// </summary>
public sealed class DedupeStore(TableServiceClient tables, TimeProvider time, IOptions<EnrichmentOptions> options)
{
    public const string TableName = "dedupe";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    private readonly ResiliencePipeline _markDoneRetry = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RequestFailedException>(),
            MaxRetryAttempts = 3,
            Delay = options.Value.MarkDoneRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();

    public TimeSpan Lease => options.Value.ClaimLease;

    public TimeSpan RenewEvery => options.Value.ClaimLease / 3;

    public async Task<ClaimResult> TryClaimAsync(string connectionId, string dedupeKey, string eventId, string messageId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimId = Guid.NewGuid().ToString("N");
        var entity = new TableEntity(connectionId, RowKey(dedupeKey))
        {
            ["State"] = "claimed",
            ["ClaimId"] = claimId,
            ["EventId"] = eventId,
            ["MessageId"] = messageId,
            ["ClaimedAt"] = now,
            ["LeaseUntil"] = now + Lease,
        };
        try
        {
            return Claimed(claimId, await _table.AddCreatingTableAsync(entity, cancellationToken).ConfigureAwait(false));
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        var existing = await GetAsync(connectionId, entity.RowKey, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return await TryClaimAsync(connectionId, dedupeKey, eventId, messageId, cancellationToken).ConfigureAwait(false);
        }

        var state = existing.GetString("State");
        if (existing.GetString("ClaimId") == claimId)
        {
            return Claimed(claimId, existing.ETag);
        }

        if (state == "done")
        {
            return new ClaimResult(ClaimOutcome.AlreadyDone, null, OwnerEventId: existing.GetString("EventId"));
        }

        var leaseUntil = existing.GetDateTimeOffset("LeaseUntil");
        if (state is "claimed" or "publishing" && leaseUntil > now)
        {
            return new ClaimResult(ClaimOutcome.InProgressElsewhere, null, leaseUntil);
        }

        try
        {
            return Claimed(claimId, (await _table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)).Headers.ETag.GetValueOrDefault());
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return await StillOursAsync(connectionId, dedupeKey, claimId, cancellationToken).ConfigureAwait(false) is { } ours
                ? new ClaimResult(ClaimOutcome.Claimed, ours)
                : new ClaimResult(ClaimOutcome.InProgressElsewhere, null, now + Lease);
        }
    }

    /// <summary>
    /// Marks a claim this worker still holds as publishing (ETag-conditional) and extends its lease; null when the claim
    /// was lost or taken over meanwhile.
    /// </summary>
    public Task<ClaimToken?> FenceAsync(string connectionId, string dedupeKey, ClaimToken claim, CancellationToken cancellationToken) =>
        UpdateOwnClaimAsync(connectionId, dedupeKey, claim, "publishing", cancellationToken);

    /// <summary>Extends a claim this worker holds; returns the new token, or null when the claim was lost.</summary>
    public Task<ClaimToken?> RenewAsync(string connectionId, string dedupeKey, ClaimToken claim, CancellationToken cancellationToken) =>
        UpdateOwnClaimAsync(connectionId, dedupeKey, claim, null, cancellationToken);

    /// <summary>
    /// Marks the event done (an idempotent upsert). Retried here beyond the SDK's own tries: after a publish, a failure
    /// would leave the event to be retried and so published again.
    /// </summary>
    public async Task MarkDoneAsync(string connectionId, string dedupeKey, string eventId, string? note, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, RowKey(dedupeKey))
        {
            ["State"] = "done",
            ["EventId"] = eventId,
            ["CompletedAt"] = time.GetUtcNow(),
            ["Note"] = note,
        };
        await _markDoneRetry.ExecuteAsync(
            async ct => await _table.UpsertCreatingTableAsync(entity, TableUpdateMode.Replace, ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives the claim up after a failure so the retry (or a replay) takes it at once. Conditional on the row read: an event
    /// marked done (perhaps by a write that timed out yet landed) stays done.
    /// </summary>
    public async Task ReleaseAsync(string connectionId, string dedupeKey, CancellationToken cancellationToken)
    {
        var existing = await GetAsync(connectionId, RowKey(dedupeKey), cancellationToken).ConfigureAwait(false);
        if (existing is null || existing.GetString("State") == "done")
        {
            return;
        }

        var entity = new TableEntity(connectionId, existing.RowKey) { ["State"] = "failed", ["LeaseUntil"] = time.GetUtcNow() };
        try
        {
            await _table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // Changed meanwhile (done, or taken by another copy): nothing of ours to release.
        }
    }

    /// <summary>Forgets a claim entirely (a parked event is processed afresh when re-driven).</summary>
    public Task ForgetAsync(string connectionId, string dedupeKey, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(connectionId, RowKey(dedupeKey), ETag.All, cancellationToken);

    /// <summary>
    /// Records the first event seen with a given content key (object kind, id, action, updated_at). Returns the event
    /// id that owns it: ours when first, another when the same change already arrived through another hook.
    /// </summary>
    public async Task<string> ClaimContentAsync(string connectionId, string contentKey, string eventId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, "content-" + contentKey) { ["EventId"] = eventId, ["SeenAt"] = time.GetUtcNow() };
        try
        {
            await _table.AddCreatingTableAsync(entity, cancellationToken).ConfigureAwait(false);
            return eventId;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Our own insert retried after a timeout reads back as ours too.
            var existing = await GetAsync(connectionId, entity.RowKey, cancellationToken).ConfigureAwait(false);
            return existing?.GetString("EventId") ?? eventId;
        }
    }

    /// <summary>
    /// Records the changes (<see cref="ChangeKey"/>) an event carries as done, so a sync counts them as known. Returns the
    /// sync event that already published the event's single change, if one did (the event is then a duplicate).
    /// </summary>
    public async Task<string?> RegisterChangesAsync(string connectionId, IReadOnlyList<string> changeKeys, string eventId, CancellationToken cancellationToken)
    {
        TableEntity Done(string key) => new(connectionId, RowKey(key)) { ["State"] = "done", ["EventId"] = eventId, ["CompletedAt"] = time.GetUtcNow() };
        if (changeKeys is [var single])
        {
            try
            {
                await _table.AddCreatingTableAsync(Done(single), cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                var existing = await GetAsync(connectionId, RowKey(single), cancellationToken).ConfigureAwait(false);
                var owner = existing?.GetString("EventId");
                return existing?.GetString("State") == "done" && owner != eventId && owner?.StartsWith(EventSources.SyncEventIdPrefix, StringComparison.Ordinal) == true ? owner : null;
            }
        }

        // A push's commits: only ever read as "known", so a merge over any earlier row is harmless.
        foreach (var chunk in changeKeys.Chunk(100))
        {
            await _table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.UpsertMerge, Done(k))), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    internal static string RowKey(string dedupeKey) => Webhooks.EventIdentity.RowKey(dedupeKey);

    private static ClaimResult Claimed(string claimId, ETag etag) => new(ClaimOutcome.Claimed, new ClaimToken(claimId, etag.ToString()));

    private async Task<ClaimToken?> UpdateOwnClaimAsync(string connectionId, string dedupeKey, ClaimToken claim, string? state, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, RowKey(dedupeKey)) { ["LeaseUntil"] = time.GetUtcNow() + Lease, ["State"] = state };
        var etag = new ETag(claim.ETag);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var response = await _table.UpdateEntityAsync(entity.WithoutNulls(), etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return claim with { ETag = response.Headers.ETag.GetValueOrDefault().ToString() };
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Still our claim (an earlier write of ours landed after its timeout): write again on the current ETag.
                if (await StillOursAsync(connectionId, dedupeKey, claim.ClaimId, cancellationToken).ConfigureAwait(false) is not { } current)
                {
                    return null;
                }

                etag = new ETag(current.ETag);
            }
        }

        return null;
    }

    /// <summary>The current token when the row still holds our live claim (claimed or publishing), else null.</summary>
    private async Task<ClaimToken?> StillOursAsync(string connectionId, string dedupeKey, string claimId, CancellationToken cancellationToken)
    {
        var existing = await GetAsync(connectionId, RowKey(dedupeKey), cancellationToken).ConfigureAwait(false);
        return existing is not null && existing.GetString("ClaimId") == claimId && existing.GetString("State") is "claimed" or "publishing"
            ? new ClaimToken(claimId, existing.ETag.ToString())
            : null;
    }

    private async Task<TableEntity?> GetAsync(string connectionId, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(connectionId, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.HasValue ? response.Value : null;
        }
        catch (RequestFailedException e) when (e.IsTableNotFound())
        {
            return null;
        }
    }
}

public enum ClaimOutcome
{
    Claimed,
    AlreadyDone,
    InProgressElsewhere,
}

/// <summary>Proof of a claim: its unique id and the ETag of its last write.</summary>
public sealed record ClaimToken(string ClaimId, string ETag);

/// <param name="Token">The claim when <see cref="ClaimOutcome.Claimed"/> (for renewals and the fence).</param>
/// <param name="LeaseUntil">When another worker's live claim lapses, for <see cref="ClaimOutcome.InProgressElsewhere"/>.</param>
/// <param name="OwnerEventId">The event that completed the change, for <see cref="ClaimOutcome.AlreadyDone"/>.</param>
public sealed record ClaimResult(ClaimOutcome Outcome, ClaimToken? Token, DateTimeOffset? LeaseUntil = null, string? OwnerEventId = null);
