using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using GitLabConnector.Storage;

namespace GitLabConnector.Bench.Sync;

/// <summary>
/// Drains the enriched queue while the app runs, as a consumer would: records by source, duplicates (an eventId seen
/// twice), and each webhook record's latency (its <c>enrichedAt</c> minus the envelope's <c>receivedAt</c>, both this
/// process's clock).
/// </summary>
internal sealed class EnrichedTally(IQueueService queues, string queue)
{
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _latency = new(StringComparer.Ordinal);
    private int _sync;
    private int _duplicates;

    public int Sync => _sync;

    public int Duplicates => _duplicates;

    public void Sent(string eventId, DateTimeOffset at) => _sent[eventId] = at;

    public bool HasAll(IEnumerable<string> eventIds) => eventIds.All(_latency.ContainsKey);

    public IReadOnlyList<TimeSpan> Latencies(IEnumerable<string> eventIds) =>
        [.. eventIds.Where(_latency.ContainsKey).Select(id => _latency[id]).Order()];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<QueueMessage> batch;
            try
            {
                batch = await queues.ReceiveMessagesAsync(queue, 32, TimeSpan.FromMinutes(5), cancellationToken);
            }
            catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
            {
                // A saturated Azurite can time a read out, and the queue exists only after the first publish.
                await Task.Delay(200, CancellationToken.None);
                continue;
            }

            if (batch.Count == 0)
            {
                await Task.Delay(100, CancellationToken.None);
                continue;
            }

            foreach (var message in batch)
            {
                Count(message.MessageText);
                try
                {
                    await queues.DeleteMessageAsync(queue, message.MessageId, message.PopReceipt!, CancellationToken.None);
                }
                catch (RequestFailedException)
                {
                    // Left for the visibility timeout; the eventId check counts it once if it comes back.
                }
            }
        }
    }

    private void Count(string text)
    {
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var eventId = root.GetProperty("eventId").GetString() ?? string.Empty;
        if (!_seen.TryAdd(eventId, 0))
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        if (root.TryGetProperty("source", out var source) && source.GetString() == "sync")
        {
            Interlocked.Increment(ref _sync);
        }
        else if (_sent.TryGetValue(eventId, out var sent))
        {
            _latency[eventId] = root.GetProperty("enrichedAt").GetDateTimeOffset() - sent;
        }
    }
}
