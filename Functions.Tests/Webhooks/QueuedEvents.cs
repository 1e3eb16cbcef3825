using System.Text.Json;
using Azure;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Reads the events queue straight from Azurite (not through the app, whose queue service a test may have replaced).</summary>
internal static class QueuedEvents
{
    /// <summary>Up to 32 envelopes, left on the queue; empty when the queue was never created.</summary>
    public static async Task<IReadOnlyList<JsonElement>> PeekAsync(AzuriteFixture azurite, string queue)
    {
        try
        {
            var messages = await azurite.CreateQueueService().PeekMessagesAsync(queue, 32, default);
            return [.. messages.Select(m => JsonDocument.Parse(m.MessageText).RootElement.Clone())];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <summary>Removes and returns every visible envelope's raw text (so sequential tests sharing a queue see only their own).</summary>
    public static async Task<IReadOnlyList<string>> DrainAsync(AzuriteFixture azurite, string queue)
    {
        var service = azurite.CreateQueueService();
        var drained = new List<string>();
        try
        {
            while (true)
            {
                var batch = await service.ReceiveMessagesAsync(queue, 32, TimeSpan.FromMinutes(5), default);
                if (batch.Count == 0)
                {
                    return drained;
                }

                foreach (var message in batch)
                {
                    drained.Add(message.MessageText);
                    await service.DeleteMessageAsync(queue, message.MessageId, message.PopReceipt!, default);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return drained;
        }
    }

    public static async Task AssertEmptyAsync(AzuriteFixture azurite, string queue) =>
        Assert.Empty(await PeekAsync(azurite, queue));
}
