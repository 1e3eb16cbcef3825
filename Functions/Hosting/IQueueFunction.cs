namespace GitLabConnector.Hosting;

/// <summary>
/// A queue-triggered function. Both hosting adapters call it: the Functions host through
/// <c>POST /{FunctionName}</c>, the standalone consumer directly. Throwing fails the invocation,
/// so the message becomes visible again and moves to <c>&lt;queue&gt;-poison</c> after MaxDequeueCount.
/// </summary>
public interface IQueueFunction
{
    /// <summary>The Functions function name (its folder under <c>functions/</c>).</summary>
    string FunctionName { get; }

    /// <summary>The queue this function reads (resolved from options).</summary>
    string QueueName { get; }

    /// <summary>The configuration key the app reads the queue name from (<c>Connector:Queues:Events</c>); function.json names the host's flat copy (<see cref="SettingNames.HostEventsQueue"/>).</summary>
    string QueueNameSetting { get; }

    Task HandleAsync(QueueTriggerMessage message, CancellationToken cancellationToken);
}

/// <summary>A queue message as handed to a function: text already base64-decoded.</summary>
public sealed record QueueTriggerMessage(
    string MessageId,
    string MessageText,
    long DequeueCount,
    DateTimeOffset? InsertionTime,
    string? PopReceipt,
    string? InvocationId);
