using GitLabConnector.Storage;
using GitLabConnector.Telemetry;
using System.Diagnostics.Metrics;

namespace GitLabConnector.Enrichment;

/// <summary>
/// The events and poison queues' approximate message counts once a minute, for the poison-queue alert and the backlog
/// chart. Runs only when telemetry is exported; a failed read is logged and skipped.
/// </summary>
public sealed partial class QueueDepthMonitor(IQueueService queues, IOptions<QueueOptions> options, IMeterFactory meterFactory, TimeProvider time, ILogger<QueueDepthMonitor> logger)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Gauge<int> _messages = meterFactory.Create(TelemetryNames.Meters.Queues)
        .CreateGauge<int>(TelemetryNames.Instruments.QueueMessages, "{message}", "Approximate messages waiting, by queue");

    public async Task RecordOnceAsync(CancellationToken cancellationToken)
    {
        var events = options.Value.Events;
        foreach (var queue in new[] { events, QueueNames.Poison(events) })
        {
            try
            {
                var count = await queues.GetApproximateMessageCountAsync(queue, cancellationToken).ConfigureAwait(false);
                _messages.Record(count, new KeyValuePair<string, object?>(TelemetryNames.Tags.Queue, queue));
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException)
            {
                QueueDepthUnavailable(logger, queue, e);
            }
        }
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RecordOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(1700, LogLevel.Warning, "Could not read the message count of queue {QueueName}; queue depth not recorded this minute")]
    private static partial void QueueDepthUnavailable(ILogger logger, string queueName, Exception exception);
}
