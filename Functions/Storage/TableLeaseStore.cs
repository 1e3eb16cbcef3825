using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitLabConnector.Storage;

/// <summary>
/// <see cref="ILeaseStore"/> on a table: one row per lease name (PartitionKey = name, RowKey = "lease") holding
/// Owner and ExpiresAt. Every change is ETag-conditional, so two instances racing for one lease cannot both win.
/// </summary>
public sealed partial class TableLeaseStore : ILeaseStore
{
    public const string DefaultTableName = "leases";
    private const string RowKey = "lease";

    private readonly ITableService _tables;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _tableName;
    private volatile bool _tableReady;

    public TableLeaseStore(ITableService tables, TimeProvider timeProvider, ILogger<TableLeaseStore>? logger = null, string tableName = DefaultTableName)
    {
        _tables = tables ?? throw new ArgumentNullException(nameof(tables));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _tableName = tableName;
    }

    public async Task<Lease?> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        var current = await _tables.GetAsync(_tableName, name, RowKey, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        var expiresAt = now + duration;
        var row = CreateRow(name, owner, expiresAt);
        try
        {
            if (current is null)
            {
                var etag = await _tables.InsertAsync(_tableName, row, cancellationToken).ConfigureAwait(false);
                return Acquired(name, owner, expiresAt, etag);
            }

            if (current.GetString("Owner") != owner && current.GetDateTimeOffset("ExpiresAt") > now)
            {
                return null;
            }

            var newEtag = await _tables.UpdateAsync(_tableName, row, current.ETag ?? "*", TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return Acquired(name, owner, expiresAt, newEtag);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            // Another instance inserted, changed or released the row between our read and write: it won this round.
            return null;
        }
    }

    public async Task<bool> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        // Read first rather than trusting lease.ETag: each renewal changes the ETag but the Lease record cannot.
        var current = await _tables.GetAsync(_tableName, lease.Name, RowKey, cancellationToken).ConfigureAwait(false);
        if (current is null || current.GetString("Owner") != lease.Owner)
        {
            LogLeaseLost(_logger, lease.Name, lease.Owner);
            return false;
        }

        try
        {
            await _tables.UpdateAsync(_tableName, CreateRow(lease.Name, lease.Owner, _timeProvider.GetUtcNow() + duration), current.ETag ?? "*", TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            LogLeaseLost(_logger, lease.Name, lease.Owner);
            return false;
        }
    }

    public async Task ReleaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var current = await _tables.GetAsync(_tableName, lease.Name, RowKey, cancellationToken).ConfigureAwait(false);
        if (current is null || current.GetString("Owner") != lease.Owner)
        {
            return;
        }

        try
        {
            await _tables.DeleteAsync(_tableName, lease.Name, RowKey, current.ETag ?? "*", cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Taken over meanwhile: nothing of ours left to release.
        }
    }

    private Lease Acquired(string name, string owner, DateTimeOffset expiresAt, string etag)
    {
        LogLeaseAcquired(_logger, name, owner, expiresAt);
        return new Lease(name, owner, expiresAt, etag);
    }

    private static TableEntity CreateRow(string name, string owner, DateTimeOffset expiresAt) => new(name, RowKey)
    {
        ["Owner"] = owner,
        ["ExpiresAt"] = expiresAt,
    };

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_tableReady)
        {
            return;
        }

        await _tables.CreateTableIfNotExistsAsync(_tableName, cancellationToken).ConfigureAwait(false);
        _tableReady = true;
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Lease {LeaseName} acquired by {Owner} until {ExpiresAt}")]
    private static partial void LogLeaseAcquired(ILogger logger, string leaseName, string owner, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Lease {LeaseName} held by {Owner} was lost before renewal")]
    private static partial void LogLeaseLost(ILogger logger, string leaseName, string owner);
}
