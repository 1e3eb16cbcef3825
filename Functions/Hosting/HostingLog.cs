namespace GitLabConnector.Hosting;

/// <summary>Ids 1300–1399. Never message bodies.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Queue consumer for {FunctionName} started on {QueueName}")]
    public static partial void ConsumerStarted(ILogger logger, string functionName, string queueName);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Queue consumer for {FunctionName} stopped")]
    public static partial void ConsumerStopped(ILogger logger, string functionName);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Receiving from {QueueName} failed; backing off {Delay}")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, string queueName, TimeSpan delay);

    [LoggerMessage(EventId = 1318, Level = LogLevel.Warning, Message = "Receiving from {QueueName} still fails: {Failures} attempts since {Since:O}; last: {Reason}")]
    public static partial void ReceiveStillFailing(ILogger logger, string queueName, int failures, DateTimeOffset since, string reason);

    [LoggerMessage(EventId = 1319, Level = LogLevel.Information, Message = "Receiving from {QueueName} works again after {Failures} failed attempts over {Outage}")]
    public static partial void ReceiveRecovered(ILogger logger, string queueName, int failures, TimeSpan outage);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Warning, Message = "{FunctionName} failed on message {MessageId} (attempt {DequeueCount} of {MaxDequeueCount}); retrying in {RetryDelay}")]
    public static partial void MessageFailed(ILogger logger, Exception exception, string functionName, string messageId, long dequeueCount, int maxDequeueCount, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Error, Message = "{FunctionName} failed on message {MessageId} {DequeueCount} times; moved to {PoisonQueue}")]
    public static partial void MessagePoisoned(ILogger logger, Exception exception, string functionName, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Warning, Message = "Extending visibility of message {MessageId} on {QueueName} failed")]
    public static partial void VisibilityRenewalFailed(ILogger logger, Exception exception, string queueName, string messageId);

    [LoggerMessage(EventId = 1316, Level = LogLevel.Warning, Message = "Settling message {MessageId} on {QueueName} failed; it will be delivered again")]
    public static partial void SettleFailed(ILogger logger, Exception exception, string queueName, string messageId);

    [LoggerMessage(EventId = 1317, Level = LogLevel.Warning, Message = "Shutdown: released unfinished message {MessageId} of {FunctionName}")]
    public static partial void MessageReleased(ILogger logger, string functionName, string messageId);

    [LoggerMessage(EventId = 1320, Level = LogLevel.Information, Message = "Timer {FunctionName} scheduled with '{Schedule}'; next run {Next:O}")]
    public static partial void TimerScheduled(ILogger logger, string functionName, string schedule, DateTimeOffset next);

    [LoggerMessage(EventId = 1321, Level = LogLevel.Debug, Message = "Timer {FunctionName}: lease {LeaseName} held by another instance; skipping {Occurrence:O}")]
    public static partial void LeaseNotAcquired(ILogger logger, string functionName, string leaseName, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 1322, Level = LogLevel.Information, Message = "Timer {FunctionName} ran for {Occurrence:O}")]
    public static partial void TimerRan(ILogger logger, string functionName, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 1323, Level = LogLevel.Error, Message = "Timer {FunctionName} failed for {Occurrence:O}")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string functionName, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 1324, Level = LogLevel.Warning, Message = "Timer {FunctionName}: lease {LeaseName} was lost during the run; cancelling it")]
    public static partial void LeaseLost(ILogger logger, string functionName, string leaseName);

    [LoggerMessage(EventId = 1325, Level = LogLevel.Warning, Message = "Timer {FunctionName}: lease store call failed")]
    public static partial void LeaseStoreFailed(ILogger logger, Exception exception, string functionName);

    [LoggerMessage(EventId = 1330, Level = LogLevel.Critical, Message = "App setting {Setting} is not set, so the Functions host cannot bind {FunctionName}: deliveries are accepted and queued but not processed until it is. Deploy infra/ (it sets it) or set it equal to {AppSetting}")]
    public static partial void HostBindingSettingMissing(ILogger logger, string setting, string functionName, string appSetting);
}
