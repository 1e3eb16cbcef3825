using System.Net;
using System.Net.Http;
using Azure;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using GitLabConnector.Storage;
using Microsoft.Extensions.Configuration;

namespace GitLabConnector.Tests.Storage;

/// <summary>A queue send made to be sent once (a publish) is not re-sent by the SDK when it may have been applied.</summary>
public sealed class QueueSendPolicyTests
{
    private const string SentBody =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessagesList><QueueMessage><MessageId>m-1</MessageId>" +
        "<InsertionTime>Mon, 07 Dec 2026 17:00:00 GMT</InsertionTime><ExpirationTime>Mon, 14 Dec 2026 17:00:00 GMT</ExpirationTime>" +
        "<PopReceipt>p-1</PopReceipt><TimeNextVisible>Mon, 07 Dec 2026 17:00:00 GMT</TimeNextVisible></QueueMessage></QueueMessagesList>";

    private sealed class ScriptedHandler(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] answers) : HttpMessageHandler
    {
        public int Tries { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            answers[Math.Min(Tries++, answers.Length - 1)](request, cancellationToken);
    }

    private static Task<HttpResponseMessage> Status(HttpStatusCode status, string body = "") =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });

    private static Task<HttpResponseMessage> Sent(HttpRequestMessage request, CancellationToken cancellationToken) => Status(HttpStatusCode.Created, SentBody);

    private static async Task<HttpResponseMessage> NeverAnswers(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    private static async Task<Azure.Response<Azure.Storage.Queues.Models.SendReceipt>> SendOnceAsync(QueueClient queue)
    {
        using var scope = QueueSendPolicy.SendOnce();
        return await queue.SendMessageAsync("event");
    }

    private static QueueClient Queue(ScriptedHandler handler)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connector:Storage:RetryDelay"] = "00:00:00.010",
            ["Connector:Storage:SendNetworkTimeout"] = "00:00:00.200",
        }).Build();
        var options = StorageClientDefaults.Apply(new QueueClientOptions { Transport = new HttpClientTransport(handler) }, configuration);
        return new QueueServiceClient(new Uri("https://acme.queue.core.windows.net/"), new AzureSasCredential("sv=stub"), options).GetQueueClient("events");
    }

    [Fact]
    public async Task A_send_that_timed_out_is_not_sent_again()
    {
        var handler = new ScriptedHandler(NeverAnswers, Sent);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => SendOnceAsync(Queue(handler)));

        Assert.Equal(0, failure.Status);
        Assert.Equal(1, handler.Tries);
    }

    [Fact]
    public async Task A_send_answered_500_is_not_sent_again()
    {
        var handler = new ScriptedHandler((_, _) => Status(HttpStatusCode.InternalServerError), Sent);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => SendOnceAsync(Queue(handler)));

        Assert.Equal(500, failure.Status);
        Assert.Equal(1, handler.Tries);
    }

    [Fact]
    public async Task A_send_whose_connection_could_not_be_made_is_retried()
    {
        var handler = new ScriptedHandler((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"), Sent);

        var receipt = await SendOnceAsync(Queue(handler));

        Assert.Equal("m-1", receipt.Value.MessageId);
        Assert.Equal(2, handler.Tries);
    }

    [Fact]
    public async Task A_send_the_service_refused_as_busy_is_retried()
    {
        var handler = new ScriptedHandler((_, _) => Status(HttpStatusCode.ServiceUnavailable), Sent);

        await SendOnceAsync(Queue(handler));

        Assert.Equal(2, handler.Tries);
    }

    [Fact]
    public async Task Other_sends_keep_the_SDK_retries()
    {
        var handler = new ScriptedHandler((_, _) => Status(HttpStatusCode.InternalServerError), Sent);

        await Queue(handler).SendMessageAsync("event");

        Assert.Equal(2, handler.Tries);
    }

    [Fact]
    public async Task Reads_are_still_retried_after_a_500()
    {
        var handler = new ScriptedHandler((_, _) => Status(HttpStatusCode.InternalServerError));

        await Assert.ThrowsAsync<RequestFailedException>(() => Queue(handler).PeekMessagesAsync());

        Assert.Equal(3, handler.Tries);
    }
}
