using GitLabConnector.Storage;

namespace GitLabConnector.Enrichment;

/// <summary>
/// When a connection last received an event from each project (table <c>projectactivity</c>, partition = connection,
/// row = project id): the projects listing shows it. Written after publishing, at most once a minute per project and instance.
/// </summary>
public sealed class ProjectActivity(TableServiceClient tables, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMinutes(1);
    private readonly TableClient _table = tables.GetTableClient("projectactivity");
    private readonly BoundedTtlCache<(string ConnectionId, long ProjectId), bool> _recent = new(time, WriteEvery, capacity: 50_000);

    public async Task RecordAsync(string connectionId, long projectId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (_recent.TryGet((connectionId, projectId), out _))
        {
            return;
        }

        // Only forward: a late or replayed event does not move it back.
        var row = projectId.ToString(CultureInfo.InvariantCulture);
        var existing = await _table.FindAsync(connectionId, row, ["LastEventAt"], cancellationToken).ConfigureAwait(false);
        if ((existing?.GetDateTimeOffset("LastEventAt") ?? DateTimeOffset.MinValue) < receivedAt)
        {
            await _table.UpsertCreatingTableAsync(new TableEntity(connectionId, row) { ["LastEventAt"] = receivedAt }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        _recent.Set((connectionId, projectId), true);
    }

    public async Task<IReadOnlyDictionary<long, DateTimeOffset>> LastEventsAsync(string connectionId, CancellationToken cancellationToken)
    {
        var last = new Dictionary<long, DateTimeOffset>();
        foreach (var entity in await _table.QueryPartitionAsync(connectionId, ["RowKey", "LastEventAt"], cancellationToken).ConfigureAwait(false))
        {
            if (long.TryParse(entity.RowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var projectId) && entity.GetDateTimeOffset("LastEventAt") is { } at)
            {
                last[projectId] = at;
            }
        }

        return last;
    }

    public void Dispose() => _recent.Dispose();
}
