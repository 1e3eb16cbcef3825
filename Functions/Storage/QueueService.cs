using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GitLabConnector.Storage;

/// <summary>Queue service REST client (x-ms-version 2021-12-02) implementing <see cref="IQueueService"/>.</summary>
public sealed class QueueService : IQueueService
{
    public const string ServiceVersion = "2021-12-02";

    private readonly StorageRestClient _client;

    public QueueService(StorageConnection connection, StorageClientOptions options)
        : this(StoragePipelineFactory.Create(connection, StorageServiceKind.Queue, options), connection.GetEndpoint(StorageServiceKind.Queue))
    {
    }

    public QueueService(HttpPipeline pipeline, Uri endpoint)
    {
        _client = new StorageRestClient(pipeline, endpoint, ServiceVersion);
    }

    public async Task CreateQueueIfNotExistsAsync(string queueName, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Put, Escape(queueName));
        try
        {
            await _client.SendAsync(message, cancellationToken, 201, 204).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException ex) when (ex.Status == 409 && ex.ErrorCode == "QueueAlreadyExists")
        {
            // Exists with different metadata: still usable.
        }
    }

    public async Task<QueueMessageReceipt> SendMessageAsync(string queueName, string messageText, TimeSpan? visibilityDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        using var message = _client.CreateMessage(RequestMethod.Post, Escape(queueName) + "/messages");
        if (visibilityDelay is { } delay && delay > TimeSpan.Zero)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(delay));
        }

        // -1: accepted events never expire; they are deleted only once handled (or parked).
        message.Request.Uri.AppendQuery("messagettl", "-1");
        SetXmlBody(message.Request, messageText);
        var response = await _client.SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
        return QueueMessageXml.ParseReceipt(response.Content);
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = _client.CreateMessage(RequestMethod.Get, Escape(queueName) + "/messages");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout, minimum: 1));
        var response = await _client.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return QueueMessageXml.ParseMessages(response.Content, peeked: false);
    }

    public async Task<IReadOnlyList<QueueMessage>> PeekMessagesAsync(string queueName, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = _client.CreateMessage(RequestMethod.Get, Escape(queueName) + "/messages");
        message.Request.Uri.AppendQuery("peekonly", "true");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        var response = await _client.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return QueueMessageXml.ParseMessages(response.Content, peeked: true);
    }

    public async Task DeleteMessageAsync(string queueName, string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Delete, Escape(queueName) + "/messages/" + Escape(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        await _client.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }

    public async Task<QueueMessageReceipt> UpdateMessageAsync(string queueName, string messageId, string popReceipt, TimeSpan visibilityTimeout, string? newMessageText, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Put, Escape(queueName) + "/messages/" + Escape(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));
        if (newMessageText is not null)
        {
            SetXmlBody(message.Request, newMessageText);
        }

        var response = await _client.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        var newPopReceipt = response.Headers.TryGetValue("x-ms-popreceipt", out var receipt) && receipt is not null
            ? receipt
            : throw new StorageRequestFailedException(response.Status, null, "Update Message returned no x-ms-popreceipt header.");
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return new QueueMessageReceipt(messageId, newPopReceipt, QueueMessageXml.ParseDate(nextVisible));
    }

    public async Task<int> GetApproximateMessageCountAsync(string queueName, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Get, Escape(queueName));
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await _client.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count)
               && int.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;
    }

    private static void SetXmlBody(Request request, string messageText)
    {
        request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        request.Content = RequestContent.Create(QueueMessageXml.CreateRequestBody(messageText));
    }

    private static string Seconds(TimeSpan value, int minimum = 0) =>
        Math.Max(minimum, (long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
