using System.Globalization;
using Azure;
using GitLabConnector.Storage;

namespace GitLabConnector.Tests.Tokens;

/// <summary>Point reads and writes of <see cref="ITableService"/> with real ETag semantics (412/409/404); no queries.</summary>
public sealed class InMemoryTableService : ITableService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Table, string Pk, string Rk), TableEntity> _rows = [];
    private readonly HashSet<string> _tables = new(StringComparer.Ordinal);
    private long _etag;

    public Task CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _tables.Add(tableName);
        }

        return Task.CompletedTask;
    }

    public Task<string> InsertAsync(string tableName, TableEntity entity, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            EnsureTable(tableName);
            if (_rows.ContainsKey((tableName, entity.PartitionKey, entity.RowKey)))
            {
                throw new RequestFailedException(409, "exists", "EntityAlreadyExists", null);
            }

            return Task.FromResult(Store(tableName, entity));
        }
    }

    public Task<string> UpsertAsync(string tableName, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            EnsureTable(tableName);
            return Task.FromResult(Store(tableName, entity));
        }
    }

    public Task<string> UpdateAsync(string tableName, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            EnsureTable(tableName);
            if (!_rows.TryGetValue((tableName, entity.PartitionKey, entity.RowKey), out var existing))
            {
                throw new RequestFailedException(404, "missing", "ResourceNotFound", null);
            }

            if (ifMatch != "*" && ifMatch != existing.ETag)
            {
                throw new RequestFailedException(412, "etag mismatch", "UpdateConditionNotSatisfied", null);
            }

            return Task.FromResult(Store(tableName, entity));
        }
    }

    public Task<TableEntity?> GetAsync(string tableName, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            EnsureTable(tableName);
            return Task.FromResult(_rows.TryGetValue((tableName, partitionKey, rowKey), out var e) ? Copy(e) : null);
        }
    }

    public IAsyncEnumerable<TableEntity> QueryAsync(string tableName, string? filter, int? maxPerPage, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task DeleteAsync(string tableName, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _rows.Remove((tableName, partitionKey, rowKey));
        }

        return Task.CompletedTask;
    }

    private void EnsureTable(string tableName)
    {
        if (!_tables.Contains(tableName))
        {
            throw new RequestFailedException(404, "no table", "TableNotFound", null);
        }
    }

    private string Store(string tableName, TableEntity entity)
    {
        var copy = Copy(entity);
        copy.ETag = $"W/\"{(++_etag).ToString(CultureInfo.InvariantCulture)}\"";
        _rows[(tableName, entity.PartitionKey, entity.RowKey)] = copy;
        return copy.ETag;
    }

    private static TableEntity Copy(TableEntity source)
    {
        var copy = new TableEntity(source.PartitionKey, source.RowKey) { ETag = source.ETag };
        foreach (var (key, value) in source.Properties)
        {
            copy[key] = value;
        }

        return copy;
    }
}
