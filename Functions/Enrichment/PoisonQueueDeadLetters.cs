using GitLabConnector.Storage;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Enrichment;

/// <summary>
/// The messages on <c>gitlab-events-poison</c> with their last failure from <see cref="FailureLog"/>. Listing peeks (no side
/// effects; at most 32). Replay sends each message back to the events queue, then deletes it; other connections' messages
/// are made visible again at once. Dedupe makes replaying an event that already succeeded a no-op.
/// </summary>
public sealed class PoisonQueueDeadLetters(IQueueService queues, FailureLog failures, IOptions<QueueOptions> options, ILogger<PoisonQueueDeadLetters> logger) : IDeadLetters
{
    private const int PeekLimit = 32;
    private static readonly TimeSpan ReplayLease = TimeSpan.FromSeconds(60);

    // The same name the Functions host moves failed messages to.
    private string Poison => QueueNames.Poison(options.Value.Events);

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string? connectionId, int max, CancellationToken cancellationToken)
    {
        IReadOnlyList<QueueMessage> messages;
        try
        {
            messages = await queues.PeekMessagesAsync(Poison, Math.Clamp(max, 1, PeekLimit), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        var result = new List<DeadLetter>();
        foreach (var message in messages)
        {
            var envelope = TryParse(message.MessageText);
            if (connectionId is null || envelope?.ConnectionId == connectionId)
            {
                var reason = envelope is null
                    ? "malformed: not a gitlab-connector/event@1 envelope"
                    : (await failures.GetAsync(envelope.ConnectionId, envelope.EventId, cancellationToken).ConfigureAwait(false))?.Reason;
                result.Add(new DeadLetter(message.MessageId, envelope?.EventId, envelope?.ConnectionId, envelope?.EventName, message.InsertionTime, reason));
            }
        }

        return result;
    }

    public async Task<int> ReplayAsync(string? connectionId, CancellationToken cancellationToken)
    {
        var replayed = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            IReadOnlyList<QueueMessage> batch;
            try
            {
                batch = await queues.ReceiveMessagesAsync(Poison, 32, ReplayLease, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                break;
            }

            var fresh = batch.Where(m => seen.Add(m.MessageId)).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            foreach (var message in fresh)
            {
                var envelope = TryParse(message.MessageText);
                if (envelope is not null && (connectionId is null || envelope.ConnectionId == connectionId))
                {
                    await queues.SendMessageAsync(options.Value.Events, message.MessageText, null, cancellationToken).ConfigureAwait(false);
                    await queues.DeleteMessageAsync(Poison, message.MessageId, message.PopReceipt!, cancellationToken).ConfigureAwait(false);
                    replayed++;
                }
                else
                {
                    await queues.UpdateMessageAsync(Poison, message.MessageId, message.PopReceipt!, TimeSpan.Zero, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        ProcessingLog.Replayed(logger, replayed, connectionId ?? "(all)");
        return replayed;
    }

    private static EventEnvelope? TryParse(string text)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<EventEnvelope>(text);
            return envelope is { Schema: EventEnvelope.SchemaId } ? envelope : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
