namespace GitLabConnector.Storage;

/// <summary>
/// <see cref="ILeaseStore"/> on a table: one row per lease name holding Owner and ExpiresAt. Every change is
/// ETag-conditional, so two instances racing for one lease cannot both win. A write that fails with 409/412 is read back:
/// when the SDK retried a write that had in fact succeeded, the row holds exactly what we wrote, and that is our win.
/// </summary>
public sealed partial class TableLeaseStore(TableServiceClient tables, TimeProvider timeProvider, ILogger<TableLeaseStore> logger, string tableName = "leases")
    : ILeaseStore
{
    private const string RowKey = "lease";
    private readonly TableClient _table = tables.GetTableClient(tableName);
    private volatile bool _tableReady;

    public async Task<Lease?> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        var current = await GetAsync(name, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var expiresAt = now + duration;
        var row = CreateRow(name, owner, expiresAt);
        try
        {
            if (current is null)
            {
                var added = await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                return Acquired(name, owner, expiresAt, added.Headers.ETag.GetValueOrDefault());
            }

            if (current.GetString("Owner") != owner && current.GetDateTimeOffset("ExpiresAt") > now)
            {
                return null;
            }

            var updated = await _table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return Acquired(name, owner, expiresAt, updated.Headers.ETag.GetValueOrDefault());
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            // Another instance inserted, changed or released the row between our read and write: it won this round —
            // unless the row is exactly ours (the SDK retried a write that had succeeded).
            return await OursAsync(row, cancellationToken).ConfigureAwait(false) is { } ours ? Acquired(name, owner, expiresAt, ours) : null;
        }
    }

    public async Task<bool> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        // Read first rather than trusting lease.ETag: each renewal changes the ETag but the Lease record cannot.
        var current = await GetAsync(lease.Name, cancellationToken).ConfigureAwait(false);
        if (current is null || current.GetString("Owner") != lease.Owner)
        {
            LogLeaseLost(logger, lease.Name, lease.Owner);
            return false;
        }

        var row = CreateRow(lease.Name, lease.Owner, timeProvider.GetUtcNow() + duration);
        try
        {
            await _table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            var ours = await OursAsync(row, cancellationToken).ConfigureAwait(false) is not null;
            if (!ours)
            {
                LogLeaseLost(logger, lease.Name, lease.Owner);
            }

            return ours;
        }
    }

    public async Task ReleaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var current = await GetAsync(lease.Name, cancellationToken).ConfigureAwait(false);
        if (current is null || current.GetString("Owner") != lease.Owner)
        {
            return;
        }

        try
        {
            await _table.DeleteEntityAsync(lease.Name, RowKey, current.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Taken over meanwhile: nothing of ours left to release.
        }
    }

    // Not FindAsync: a leases table gone after start-up must surface, not read as "held elsewhere" on every run.
    private async Task<TableEntity?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(name, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The row's ETag when it holds exactly <paramref name="row"/> (its unique <c>WriteId</c>), else null.</summary>
    private async Task<ETag?> OursAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var current = await GetAsync(row.PartitionKey, cancellationToken).ConfigureAwait(false);
        return current is not null && current.GetString("WriteId") == row.GetString("WriteId") ? current.ETag : null;
    }

    private Lease Acquired(string name, string owner, DateTimeOffset expiresAt, ETag etag)
    {
        LogLeaseAcquired(logger, name, owner, expiresAt);
        return new Lease(name, owner, expiresAt, etag.ToString());
    }

    private static TableEntity CreateRow(string name, string owner, DateTimeOffset expiresAt) => new(name, RowKey)
    {
        ["Owner"] = owner,
        ["ExpiresAt"] = expiresAt,
        ["WriteId"] = Guid.NewGuid().ToString("N"),
    };

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableReady)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _tableReady = true;
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Lease {LeaseName} acquired by {Owner} until {ExpiresAt}")]
    private static partial void LogLeaseAcquired(ILogger logger, string leaseName, string owner, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Lease {LeaseName} held by {Owner} was lost before renewal")]
    private static partial void LogLeaseLost(ILogger logger, string leaseName, string owner);
}
