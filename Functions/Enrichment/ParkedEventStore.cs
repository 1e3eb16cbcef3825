using GitLabConnector.Storage;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Table <c>parked</c> (partition = connection, row = event id, the envelope as UTF-8 binary: an inline envelope is at most
/// 48 KiB, under the 64 KiB property limit). Re-drive enqueues before deleting the row; a crash between re-drives twice and dedupe absorbs it.
/// </summary>
public sealed class ParkedEventStore(TableServiceClient tables, IQueueService queues, TimeProvider time, IOptions<QueueOptions> options) : IParkedEvents
{
    public const string TableName = "parked";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task ParkAsync(string connectionId, string eventId, string envelopeText, string reason, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, DedupeStore.RowKey(eventId))
        {
            ["Envelope"] = Encoding.UTF8.GetBytes(envelopeText),
            ["Reason"] = reason,
            ["ParkedAt"] = time.GetUtcNow(),
        };
        await _table.UpsertCreatingTableAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> GetReasonAsync(string connectionId, string eventId, CancellationToken cancellationToken) =>
        (await _table.FindAsync(connectionId, DedupeStore.RowKey(eventId), ["Reason"], cancellationToken).ConfigureAwait(false))?.GetString("Reason");

    // Counted as it streams: a connection parked for long may hold many events, and the connection list asks for each.
    public async Task<int> CountAsync(string connectionId, CancellationToken cancellationToken)
    {
        try
        {
            return await _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {connectionId}"), 1000, ["RowKey"], cancellationToken)
                .CountAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.IsTableNotFound())
        {
            return 0;
        }
    }

    public async Task<int> RedriveAsync(string connectionId, CancellationToken cancellationToken)
    {
        var parked = await _table.QueryPartitionAsync(connectionId, null, cancellationToken).ConfigureAwait(false);
        foreach (var entity in parked)
        {
            if (entity.GetBinaryData("Envelope") is { } envelope)
            {
                await queues.SendCreatingQueueAsync(options.Value.Events, envelope.ToString(), cancellationToken).ConfigureAwait(false);
            }

            await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return parked.Count;
    }
}
