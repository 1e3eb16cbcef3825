using System.Text;
using Azure;
using GitLabConnector.Storage;
using GitLabConnector.Webhooks;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace GitLabConnector.Tests.Webhooks;

public sealed class EventQueueWriterTests
{
    private static readonly EventEnvelope Envelope = new()
    {
        EventId = "evt-1",
        DedupeKey = "key-1",
        ConnectionId = "conn1",
        EventName = "Push Hook",
        ReceivedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task A_write_storage_has_not_finished_within_the_deadline_is_cut_off_as_a_408()
    {
        var queues = Substitute.For<IQueueService>();
        queues.SendMessageAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>())
            .Returns(call => StallUntilCancelledAsync(call.ArgAt<CancellationToken>(3)));
        var writer = Writer(queues, TimeSpan.FromSeconds(1));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => writer.EnqueueAsync(Envelope, Encoding.UTF8.GetBytes("{}"), CancellationToken.None));

        Assert.Equal(408, failure.Status);
        Assert.Contains("within 1 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_that_finishes_in_time_is_sent_to_the_events_queue()
    {
        var queues = Substitute.For<IQueueService>();
        var writer = Writer(queues, TimeSpan.FromSeconds(30));

        var claimCheck = await writer.EnqueueAsync(Envelope, Encoding.UTF8.GetBytes("{}"), CancellationToken.None);

        Assert.False(claimCheck);
        await queues.Received(1).SendMessageAsync("events-q", Arg.Is<string>(m => m.Contains("evt-1", StringComparison.Ordinal)), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:05:00")]
    public void A_write_deadline_outside_one_second_to_two_minutes_is_refused_at_start_up(string deadline)
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions { WriteDeadline = TimeSpan.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("WriteDeadline", StringComparison.Ordinal));
    }

    private static EventQueueWriter Writer(IQueueService queues, TimeSpan deadline) =>
        new(queues, Substitute.For<IBlobService>(), Options.Create(new WebhookOptions { WriteDeadline = deadline }), Options.Create(new QueueOptions { Events = "events-q" }));

    private static async Task<QueueMessageReceipt> StallUntilCancelledAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
