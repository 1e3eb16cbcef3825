using Azure;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class QueueServiceTests(AzuriteFixture azurite)
{
    private readonly QueueService _queues = azurite.CreateQueueService();
    private readonly CancellationToken _ct = CancellationToken.None;

    private async Task<string> NewQueueAsync()
    {
        var name = AzuriteFixture.NewQueueName();
        await _queues.CreateQueueIfNotExistsAsync(name, _ct);
        return name;
    }

    [Fact]
    public async Task Creating_an_existing_queue_is_not_an_error()
    {
        var name = await NewQueueAsync();

        await _queues.CreateQueueIfNotExistsAsync(name, _ct);

        Assert.Equal(0, await _queues.GetApproximateMessageCountAsync(name, _ct));
    }

    [Fact]
    public async Task Round_trips_non_ASCII_text_and_stores_it_base64_encoded()
    {
        var name = await NewQueueAsync();
        const string text = "{\"title\":\"Grüße — 你好 🚀\",\"quote\":\"<&>\"}";

        var receipt = await _queues.SendMessageAsync(name, text, null, _ct);
        var raw = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, name); // no decoding: the text as the trigger reads it
        var onTheWire = Assert.Single((await raw.PeekMessagesAsync(1, _ct)).Value).Body.ToString();
        var received = Assert.Single(await _queues.ReceiveMessagesAsync(name, 32, TimeSpan.FromSeconds(30), _ct));

        Assert.Equal(receipt.MessageId, received.MessageId);
        Assert.Equal(text, received.MessageText);
        Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)), onTheWire);
        Assert.Equal(1, received.DequeueCount);
        Assert.NotNull(received.PopReceipt);
        Assert.NotNull(received.InsertionTime);
    }

    [Fact]
    public async Task Peek_returns_the_message_without_a_pop_receipt_and_leaves_it_visible()
    {
        var name = await NewQueueAsync();
        await _queues.SendMessageAsync(name, "peek me", null, _ct);

        var peeked = Assert.Single(await _queues.PeekMessagesAsync(name, 5, _ct));
        var received = Assert.Single(await _queues.ReceiveMessagesAsync(name, 5, TimeSpan.FromSeconds(30), _ct));

        Assert.Null(peeked.PopReceipt);
        Assert.Equal("peek me", peeked.MessageText);
        Assert.Equal(peeked.MessageId, received.MessageId);
    }

    [Fact]
    public async Task Visibility_delay_hides_a_new_message()
    {
        var name = await NewQueueAsync();

        await _queues.SendMessageAsync(name, "later", TimeSpan.FromMinutes(5), _ct);

        Assert.Empty(await _queues.ReceiveMessagesAsync(name, 1, TimeSpan.FromSeconds(30), _ct));
        Assert.Equal(1, await _queues.GetApproximateMessageCountAsync(name, _ct));
    }

    [Fact]
    public async Task Received_message_is_invisible_until_deleted_and_then_gone()
    {
        var name = await NewQueueAsync();
        await _queues.SendMessageAsync(name, "one", null, _ct);
        var message = Assert.Single(await _queues.ReceiveMessagesAsync(name, 1, TimeSpan.FromSeconds(60), _ct));

        Assert.Empty(await _queues.ReceiveMessagesAsync(name, 1, TimeSpan.FromSeconds(60), _ct));
        await _queues.DeleteMessageAsync(name, message.MessageId, message.PopReceipt!, _ct);

        Assert.Equal(0, await _queues.GetApproximateMessageCountAsync(name, _ct));
    }

    [Fact]
    public async Task Update_returns_a_new_pop_receipt_keeps_the_message_hidden_and_can_replace_the_text()
    {
        var name = await NewQueueAsync();
        await _queues.SendMessageAsync(name, "before", null, _ct);
        var message = Assert.Single(await _queues.ReceiveMessagesAsync(name, 1, TimeSpan.FromSeconds(1), _ct));

        var receipt = await _queues.UpdateMessageAsync(name, message.MessageId, message.PopReceipt!, TimeSpan.FromMinutes(5), "after", _ct);

        Assert.NotEqual(message.PopReceipt, receipt.PopReceipt);
        Assert.Equal(message.MessageId, receipt.MessageId);
        Assert.NotNull(receipt.NextVisibleTime);
        Assert.Empty(await _queues.ReceiveMessagesAsync(name, 1, TimeSpan.FromSeconds(30), _ct));

        await _queues.UpdateMessageAsync(name, message.MessageId, receipt.PopReceipt, TimeSpan.Zero, null, _ct);
        var again = Assert.Single(await _queues.ReceiveMessagesAsync(name, 1, TimeSpan.FromSeconds(30), _ct));
        Assert.Equal("after", again.MessageText);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task Delete_with_a_stale_pop_receipt_fails_with_404_or_400()
    {
        var name = await NewQueueAsync();
        await _queues.SendMessageAsync(name, "x", null, _ct);
        var message = Assert.Single(await _queues.ReceiveMessagesAsync(name, 1, TimeSpan.FromSeconds(60), _ct));
        await _queues.UpdateMessageAsync(name, message.MessageId, message.PopReceipt!, TimeSpan.FromSeconds(60), null, _ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => _queues.DeleteMessageAsync(name, message.MessageId, message.PopReceipt!, _ct));

        Assert.Contains(error.Status, new[] { 400, 404 });
        Assert.False(error.IsUnavailable());
    }

    [Fact]
    public async Task Message_over_64_KiB_on_the_wire_is_rejected_by_the_service()
    {
        var name = await NewQueueAsync();
        var text = new string('a', IQueueService.MaxMessageBytes + 1024);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _queues.SendMessageAsync(name, text, null, _ct));

        Assert.Contains(error.Status, new[] { 400, 413 });
    }

    [Fact]
    public async Task Message_of_exactly_MaxMessageBytes_fits()
    {
        var name = await NewQueueAsync();
        var text = new string('b', IQueueService.MaxMessageBytes);

        await _queues.SendMessageAsync(name, text, null, _ct);

        Assert.Equal(text, Assert.Single(await _queues.ReceiveMessagesAsync(name, 1, TimeSpan.FromSeconds(30), _ct)).MessageText);
    }

    [Fact]
    public async Task Missing_queue_surfaces_the_service_error_code()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => _queues.SendMessageAsync(AzuriteFixture.NewQueueName("missing"), "x", null, _ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }
}
