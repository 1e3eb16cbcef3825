using System.Text;
using Azure;
using GitLabConnector.Hosting;
using GitLabConnector.Storage;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Parked events in table <c>parked</c> (partition = connection, row = event id, the envelope as UTF-8 binary —
/// an inline envelope is at most 48 KiB, under the 64 KiB property limit). Re-driving enqueues each envelope again
/// before deleting its row, so a crash in between re-drives it twice and dedupe absorbs the copy.
/// </summary>
public sealed class ParkedEventStore(ITableService tables, IQueueService queues, TimeProvider time, IOptions<ConnectorOptions> options) : IParkedEvents
{
    public const string TableName = "parked";

    public async Task ParkAsync(string connectionId, string eventId, string envelopeText, string reason, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, DedupeStore.RowKey(eventId))
        {
            ["Envelope"] = Encoding.UTF8.GetBytes(envelopeText),
            ["Reason"] = reason,
            ["ParkedAt"] = time.GetUtcNow(),
        };
        await tables.UpsertCreatingTableAsync(TableName, entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why an event is parked, or null when it is not.</summary>
    public async Task<string?> GetReasonAsync(string connectionId, string eventId, CancellationToken cancellationToken)
    {
        var entity = await tables.GetAsync(TableName, connectionId, DedupeStore.RowKey(eventId), cancellationToken).ConfigureAwait(false);
        return entity?.GetString("Reason");
    }

    public async Task<int> CountAsync(string connectionId, CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            await foreach (var _ in tables.QueryAsync(TableName, Filter(connectionId), 1000, cancellationToken).ConfigureAwait(false))
            {
                count++;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }

        return count;
    }

    public async Task<int> RedriveAsync(string connectionId, CancellationToken cancellationToken)
    {
        var parked = new List<TableEntity>();
        try
        {
            await foreach (var entity in tables.QueryAsync(TableName, Filter(connectionId), 1000, cancellationToken).ConfigureAwait(false))
            {
                parked.Add(entity);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }

        foreach (var entity in parked)
        {
            if (entity["Envelope"] is byte[] envelope)
            {
                await queues.SendCreatingQueueAsync(options.Value.Queues.Events, Encoding.UTF8.GetString(envelope), cancellationToken).ConfigureAwait(false);
            }

            await tables.DeleteAsync(TableName, entity.PartitionKey, entity.RowKey, "*", cancellationToken).ConfigureAwait(false);
        }

        return parked.Count;
    }

    private static string Filter(string connectionId) => $"PartitionKey eq '{connectionId.Replace("'", "''", StringComparison.Ordinal)}'";
}
