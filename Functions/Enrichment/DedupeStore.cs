using GitLabConnector.Storage;
using Polly;
using Polly.Retry;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Exactly-once bookkeeping for events (table <c>dedupe</c>, partition = connection, row = dedupe key). A claim is an
/// insert-if-absent with a lease the worker renews; it can be re-taken only once lapsed (its worker died) or released after
/// a failure. Other copies meet a live claim and re-check after <see cref="ClaimResult.LeaseUntil"/>: nothing is dropped on a guess.
/// Each claim has a unique ClaimId: a 409/412 on a conditional write is read back, and a row still holding our ClaimId means
/// the SDK retried a write of ours that had landed (a timeout under load), not a rival.
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

        var existing = await _table.FindAsync(connectionId, entity.RowKey, null, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Marks our claim publishing (ETag-conditional) and extends its lease; null when it was lost or taken over.</summary>
    public Task<ClaimToken?> FenceAsync(string connectionId, string dedupeKey, ClaimToken claim, CancellationToken cancellationToken) =>
        UpdateOwnClaimAsync(connectionId, dedupeKey, claim, "publishing", cancellationToken);

    public Task<ClaimToken?> RenewAsync(string connectionId, string dedupeKey, ClaimToken claim, CancellationToken cancellationToken) =>
        UpdateOwnClaimAsync(connectionId, dedupeKey, claim, null, cancellationToken);

    /// <summary>Retried beyond the SDK's own tries: after a publish, a failure here would get the event published again.</summary>
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

    /// <summary>Lets the retry take the claim at once; conditional on the row read, so an event marked done stays done.</summary>
    public async Task ReleaseAsync(string connectionId, string dedupeKey, CancellationToken cancellationToken)
    {
        var existing = await _table.FindAsync(connectionId, RowKey(dedupeKey), null, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The event that first carried a <see cref="ContentKey"/>: ours, or another when the change came through another hook.</summary>
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
            var existing = await _table.FindAsync(connectionId, entity.RowKey, null, cancellationToken).ConfigureAwait(false);
            return existing?.GetString("EventId") ?? eventId;
        }
    }

    /// <summary>Marks an event's <see cref="ChangeKey"/>s done so a sync counts them known; returns the sync event that already published its single change.</summary>
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
                var existing = await _table.FindAsync(connectionId, RowKey(single), null, cancellationToken).ConfigureAwait(false);
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

    private async Task<ClaimToken?> StillOursAsync(string connectionId, string dedupeKey, string claimId, CancellationToken cancellationToken)
    {
        var existing = await _table.FindAsync(connectionId, RowKey(dedupeKey), null, cancellationToken).ConfigureAwait(false);
        return existing is not null && existing.GetString("ClaimId") == claimId && existing.GetString("State") is "claimed" or "publishing"
            ? new ClaimToken(claimId, existing.ETag.ToString())
            : null;
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

/// <param name="LeaseUntil">When another worker's live claim lapses (<see cref="ClaimOutcome.InProgressElsewhere"/>).</param>
/// <param name="OwnerEventId">The event that completed the change (<see cref="ClaimOutcome.AlreadyDone"/>).</param>
public sealed record ClaimResult(ClaimOutcome Outcome, ClaimToken? Token, DateTimeOffset? LeaseUntil = null, string? OwnerEventId = null);
