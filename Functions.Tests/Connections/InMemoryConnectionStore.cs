using System.Globalization;
using GitLabConnector.Connections;

namespace GitLabConnector.Tests.Connections;

/// <summary>The connection registry in memory with real ETag semantics.</summary>
public sealed class InMemoryConnectionStore : IConnectionStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ConnectionRecord> _records = new(StringComparer.Ordinal);
    private int _etag;

    public ConnectionRecord? this[string id]
    {
        get
        {
            lock (_gate)
            {
                return _records.GetValueOrDefault(id);
            }
        }
    }

    public ConnectionRecord Single()
    {
        lock (_gate)
        {
            return _records.Values.Single();
        }
    }

    public Task<ConnectionRecord?> GetAsync(string connectionId, CancellationToken cancellationToken) => Task.FromResult(this[connectionId]);

    public Task<IReadOnlyList<ConnectionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ConnectionRecord>>([.. _records.Values]);
        }
    }

    public Task<ConnectionRecord> CreateAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_records.ContainsKey(connection.Id))
            {
                throw new ConnectionConflictException("exists");
            }

            var stored = connection with { ETag = NextETag() };
            _records[connection.Id] = stored;
            return Task.FromResult(stored);
        }
    }

    public Task<ConnectionRecord> UpdateAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_records.TryGetValue(connection.Id, out var existing) || (connection.ETag is not null && connection.ETag != existing.ETag))
            {
                throw new ConnectionConflictException("stale");
            }

            var stored = connection with { ETag = NextETag() };
            _records[connection.Id] = stored;
            return Task.FromResult(stored);
        }
    }

    private string NextETag() => "W/\"" + (++_etag).ToString(CultureInfo.InvariantCulture) + "\"";
}
