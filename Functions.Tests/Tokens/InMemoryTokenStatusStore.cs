using GitLabConnector.Tokens;

namespace GitLabConnector.Tests.Tokens;

/// <summary><see cref="ITokenStatusStore"/> in memory with the table's ETag rules (insert without, compare-and-swap with).</summary>
public sealed class InMemoryTokenStatusStore : ITokenStatusStore
{
    private readonly Dictionary<string, TokenStatus> _rows = [];
    private int _version;

    public Task<TokenStatus?> GetAsync(string connectionId, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            return Task.FromResult(_rows.GetValueOrDefault(connectionId));
        }
    }

    public Task<TokenStatus> SaveAsync(TokenStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_rows)
        {
            var exists = _rows.TryGetValue(status.ConnectionId, out var current);
            if (status.ETag is null ? exists : !exists || current!.ETag != status.ETag)
            {
                throw new TokenStatusConflictException($"token status of connection '{status.ConnectionId}' was changed concurrently");
            }

            var saved = status with { ETag = $"v{++_version}" };
            _rows[status.ConnectionId] = saved;
            return Task.FromResult(saved);
        }
    }
}
