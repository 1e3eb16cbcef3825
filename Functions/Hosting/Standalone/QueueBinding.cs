using GitLabConnector.Storage;

namespace GitLabConnector.Hosting.Standalone;

/// <summary>A queue the standalone consumer reads for a function, and the handler each message goes to (throwing fails the attempt).</summary>
public sealed record QueueBinding(string FunctionName, string QueueName, Func<QueueMessage, CancellationToken, Task> HandleAsync);
