using Azure.Core.Pipeline;

namespace GitLabConnector.Storage;

/// <summary>
/// Logs every storage try that failed or timed out (before the SDK's retry policy decides to retry it). A try that timed
/// out may still have been applied by the service, so these lines are the evidence when a retried write shows up twice.
/// Path only: query strings can carry pop receipts or SAS signatures.
/// </summary>
internal sealed partial class StorageTryLogPolicy(ILogger logger) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception e) when (Log(message, started, e.GetType().Name + ": " + e.GetBaseException().Message))
        {
            throw;
        }

        if (message.HasResponse && message.Response.Status is 408 or >= 500)
        {
            Log(message, started, $"status {message.Response.Status}");
        }
    }

    // The connector makes no synchronous storage calls; a sync caller still gets the same handling.
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    // Returns false so the exception filter never catches: logging only. A try the caller cancelled is not a failure.
    private bool Log(HttpMessage message, long started, string reason)
    {
        if (message.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        TryFailed(logger, message.Request.Method.ToString(), message.Request.Uri.Path, message.ProcessingContext.RetryNumber + 1, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, reason);
        return false;
    }

    [LoggerMessage(1010, LogLevel.Warning, "Storage {Method} {Path}: try {Try} failed after {ElapsedMs} ms ({Reason}); the client retries it while tries remain")]
    private static partial void TryFailed(ILogger logger, string method, string path, int @try, long elapsedMs, string reason);
}
