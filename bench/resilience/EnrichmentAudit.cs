using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using GitLabConnector.Enrichment;
using GitLabConnector.Storage;

namespace GitLabConnector.Resilience;

/// <summary>
/// What happened to every accepted event: records in table <c>enriched</c> (partition = connection, row = event id)
/// and publications on the scenario's own enriched queue (drained by receiving each message with a long visibility
/// timeout, so each is counted once). A change is enriched when one of its event ids has a record; lost when none
/// has; doubly processed when more than one has; republished when its record went out on the enriched queue more
/// than once (the documented at-least-once window: a crash or outage between publishing and marking done).
/// </summary>
public sealed class EnrichmentAudit(TableServiceClient tables, QueueService queues, string connectionId, string enrichedQueue)
{
    private readonly Dictionary<string, int> _publications = new(StringComparer.Ordinal);

    public sealed record Outcome(int Changes, int Enriched, int Lost, int DoublyProcessed, int Republished, int RecordsForRefusedDeliveries, TimeSpan WaitedFor);

    // WaitedFor: from the start of the wait until every change was seen enriched and published (or the wait gave up).

    /// <summary>
    /// Waits until every accepted change is enriched and published, then counts. The wait is sized by progress, not by a
    /// guess of the backlog: it gives up when nothing new appeared for <see cref="SuiteMode.DrainStall"/> or after
    /// <see cref="SuiteMode.DrainTimeout"/> in all.
    /// </summary>
    public async Task<Outcome> WaitAndCountAsync(DeliveryTally tally, SuiteMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(mode);
        var accepted = tally.AcceptedEvents();
        var changes = accepted.GroupBy(e => e.Value, e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var sinceProgress = Stopwatch.StartNew();
        var seen = -1;
        HashSet<string> records = [];
        TimeSpan waited;
        while (true)
        {
            records = await TolerantAsync(RecordsAsync, cancellationToken) ?? records;
            await TolerantAsync(async ct => { await DrainPublicationsAsync(ct); return new object(); }, cancellationToken);
            if (records.Count + _publications.Count > seen)
            {
                seen = records.Count + _publications.Count;
                sinceProgress.Restart();
            }

            var done = changes.Values.All(ids => ids.Any(records.Contains) && ids.Any(_publications.ContainsKey));
            waited = clock.Elapsed;
            if (done || waited > mode.DrainTimeout || sinceProgress.Elapsed > mode.DrainStall)
            {
                break;
            }

            await Task.Delay(500, cancellationToken);
        }

        // Late republications (a retry racing the end of the wait) still count.
        await Task.Delay(1500, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                records = await RecordsAsync(cancellationToken);
                await DrainPublicationsAsync(cancellationToken);
                break;
            }
            catch (RequestFailedException) when (attempt < 10)
            {
                await Task.Delay(2000, cancellationToken);
            }
        }

        int enriched = 0, lost = 0, doubly = 0, republished = 0;
        foreach (var ids in changes.Values)
        {
            var withRecord = ids.Count(records.Contains);
            var published = ids.Sum(id => _publications.GetValueOrDefault(id));
            if (withRecord == 0)
            {
                lost++;
                continue;
            }

            enriched++;
            if (withRecord > 1)
            {
                doubly++;
            }

            if (published > 1)
            {
                republished++;
            }
        }

        var refused = tally.RefusedOnlyEvents().Count(records.Contains);
        return new Outcome(changes.Count, enriched, lost, doubly, republished, refused, waited);
    }

    // Under the long mode's load Azurite itself can time out the audit's reads: keep polling rather than abort.
    private static async Task<T?> TolerantAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await read(cancellationToken);
        }
        catch (RequestFailedException)
        {
            return null;
        }
    }

    public async Task<int> PoisonCountAsync(string eventsQueue, CancellationToken cancellationToken)
    {
        try
        {
            return await queues.GetApproximateMessageCountAsync(eventsQueue + "-poison", cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    public async Task<int> ParkedCountAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            await foreach (var _ in tables.GetTableClient(ParkedEventStore.TableName).QueryAsync<TableEntity>(PartitionFilter, 1000, ["RowKey"], cancellationToken))
            {
                count++;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        return count;
    }

    /// <summary>Every publication so far, by event id.</summary>
    public async Task<IReadOnlyDictionary<string, int>> PublicationsAsync(CancellationToken cancellationToken)
    {
        await DrainPublicationsAsync(cancellationToken);
        return _publications;
    }

    /// <summary>How many records the connection has now (for progress checks).</summary>
    public async Task<int> RecordCountAsync(CancellationToken cancellationToken) => (await RecordsAsync(cancellationToken)).Count;

    private string PartitionFilter => TableClient.CreateQueryFilter($"PartitionKey eq {connectionId}");

    private async Task<HashSet<string>> RecordsAsync(CancellationToken cancellationToken)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var entity in tables.GetTableClient(EnrichedRecordStore.RecordsTable).QueryAsync<TableEntity>(PartitionFilter, 1000, ["RowKey"], cancellationToken))
            {
                rows.Add(entity.RowKey);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        return rows;
    }

    private async Task DrainPublicationsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            IReadOnlyList<QueueMessage> messages;
            try
            {
                messages = await queues.ReceiveMessagesAsync(enrichedQueue, 32, TimeSpan.FromHours(2), cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return;
            }

            if (messages.Count == 0)
            {
                return;
            }

            foreach (var message in messages)
            {
                using var json = JsonDocument.Parse(message.MessageText);
                var eventId = json.RootElement.GetProperty("eventId").GetString()!;
                _publications[eventId] = _publications.GetValueOrDefault(eventId) + 1;
            }
        }
    }
}
