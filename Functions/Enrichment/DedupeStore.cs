using GitLabConnector.Storage;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Exactly-once bookkeeping for events (table <c>dedupe</c>, partition = connection, row = dedupe key).
/// A claim is an insert-if-absent with a short lease that the worker renews while it runs; finished events are marked
/// done and never processed again. A claim can be re-taken only once its lease has lapsed (its worker died) or it was
/// released after a failure. While a live claim exists, other copies of the event are not processed — the caller
/// re-checks them after the lease (see <see cref="ClaimResult.LeaseUntil"/>), so nothing is dropped on a guess.
/// </summary>
public sealed class DedupeStore(ITableService tables, TimeProvider time, Microsoft.Extensions.Options.IOptions<EnrichmentOptions> options)
{
    public const string TableName = "dedupe";
    /// <summary>How long a claim lasts without renewal.</summary>
    public TimeSpan Lease => options.Value.ClaimLease;

    /// <summary>How often a running worker renews its claim.</summary>
    public TimeSpan RenewEvery => options.Value.ClaimLease / 3;

    public async Task<ClaimResult> TryClaimAsync(string connectionId, string dedupeKey, string eventId, string messageId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entity = NewClaim(connectionId, dedupeKey, eventId, messageId, now);
        try
        {
            var etag = await tables.InsertCreatingTableAsync(TableName, entity, cancellationToken).ConfigureAwait(false);
            return new ClaimResult(ClaimOutcome.Claimed, etag);
        }
        catch (StorageRequestFailedException e) when (e.Status == 409)
        {
        }

        var existing = await tables.GetAsync(TableName, connectionId, RowKey(dedupeKey), cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return await TryClaimAsync(connectionId, dedupeKey, eventId, messageId, cancellationToken).ConfigureAwait(false);
        }

        var state = existing.GetString("State");
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
            var etag = await tables.UpdateAsync(TableName, entity, existing.ETag ?? "*", TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new ClaimResult(ClaimOutcome.Claimed, etag);
        }
        catch (StorageRequestFailedException e) when (e.Status is 412 or 404)
        {
            return new ClaimResult(ClaimOutcome.InProgressElsewhere, null, now + Lease);
        }
    }

    /// <summary>
    /// Marks a claim this worker still holds as publishing (ETag-conditional) and extends its lease; null when the claim
    /// was lost or taken over meanwhile.
    /// </summary>
    public async Task<string?> FenceAsync(string connectionId, string dedupeKey, string etag, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, RowKey(dedupeKey)) { ["State"] = "publishing", ["LeaseUntil"] = time.GetUtcNow() + Lease };
        try
        {
            return await tables.UpdateAsync(TableName, entity, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Extends a claim this worker holds; returns the new ETag, or null when the claim was lost.</summary>
    public async Task<string?> RenewAsync(string connectionId, string dedupeKey, string etag, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, RowKey(dedupeKey)) { ["LeaseUntil"] = time.GetUtcNow() + Lease };
        try
        {
            return await tables.UpdateAsync(TableName, entity, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    public Task MarkDoneAsync(string connectionId, string dedupeKey, string eventId, string? note, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, RowKey(dedupeKey))
        {
            ["State"] = "done",
            ["EventId"] = eventId,
            ["CompletedAt"] = time.GetUtcNow(),
            ["Note"] = note,
        };
        if (note is null)
        {
            entity.Remove("Note");
        }

        return tables.UpsertCreatingTableAsync(TableName, entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Gives the claim up after a failure so the retry (or a replay) takes it at once.</summary>
    public async Task ReleaseAsync(string connectionId, string dedupeKey, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, RowKey(dedupeKey)) { ["State"] = "failed", ["LeaseUntil"] = time.GetUtcNow() };
        try
        {
            await tables.UpdateAsync(TableName, entity, "*", TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.Status == 404)
        {
        }
    }

    /// <summary>Forgets a claim entirely (a parked event is processed afresh when re-driven).</summary>
    public Task ForgetAsync(string connectionId, string dedupeKey, CancellationToken cancellationToken) =>
        tables.DeleteAsync(TableName, connectionId, RowKey(dedupeKey), "*", cancellationToken);

    /// <summary>
    /// Records the first event seen with a given content key (object kind, id, action, updated_at). Returns the event
    /// id that owns it: ours when first, another when the same change already arrived through another hook.
    /// </summary>
    public async Task<string> ClaimContentAsync(string connectionId, string contentKey, string eventId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, "content-" + contentKey) { ["EventId"] = eventId, ["SeenAt"] = time.GetUtcNow() };
        try
        {
            await tables.InsertCreatingTableAsync(TableName, entity, cancellationToken).ConfigureAwait(false);
            return eventId;
        }
        catch (StorageRequestFailedException e) when (e.Status == 409)
        {
            var existing = await tables.GetAsync(TableName, connectionId, entity.RowKey, cancellationToken).ConfigureAwait(false);
            return existing?.GetString("EventId") ?? eventId;
        }
    }

    // Row keys may not contain / \ # ? or control characters; dedupe keys are safe ids or sha256 hex already.
    internal static string RowKey(string dedupeKey) =>
        dedupeKey.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dedupeKey))) : dedupeKey;

    private TableEntity NewClaim(string connectionId, string dedupeKey, string eventId, string messageId, DateTimeOffset now) => new(connectionId, RowKey(dedupeKey))
    {
        ["State"] = "claimed",
        ["EventId"] = eventId,
        ["MessageId"] = messageId,
        ["ClaimedAt"] = now,
        ["LeaseUntil"] = now + Lease,
    };
}

public enum ClaimOutcome
{
    Claimed,
    AlreadyDone,
    InProgressElsewhere,
}

/// <param name="Outcome">What happened.</param>
/// <param name="ETag">The claim's ETag when <see cref="ClaimOutcome.Claimed"/> (for renewals).</param>
/// <param name="LeaseUntil">When another worker's live claim lapses, for <see cref="ClaimOutcome.InProgressElsewhere"/>.</param>
/// <summary>How a claim went; <see cref="OwnerEventId"/> names the event that completed the change when it is already done.</summary>
public sealed record ClaimResult(ClaimOutcome Outcome, string? ETag, DateTimeOffset? LeaseUntil = null, string? OwnerEventId = null);
