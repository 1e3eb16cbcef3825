using System.Net.Http;
using Azure.Core.Pipeline;

namespace GitLabConnector.Storage;

/// <summary>
/// Outermost policy of every storage client: once retries are spent, a storage service that could not be reached (refused,
/// reset, network timeout: an <see cref="AggregateException"/> of the tries or a timeout's cancellation) surfaces as one
/// <see cref="RequestFailedException"/> with status 0, so callers handle a single exception type. Caller cancellation stays cancellation.
/// </summary>
internal sealed class StorageUnreachablePolicy : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnreachable(e, message.CancellationToken))
        {
            throw Unreachable(message, e);
        }
    }

    // The connector makes no synchronous storage calls; a sync caller still gets the same handling.
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    private static bool IsUnreachable(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AggregateException or HttpRequestException or IOException => true,
        _ => false,
    };

    // Path only: query strings can carry pop receipts or SAS signatures.
    private static RequestFailedException Unreachable(HttpMessage message, Exception e) =>
        new(0, $"Storage is unreachable: {message.Request.Method} {message.Request.Uri.Path} failed ({e.GetBaseException().Message})", e);
}
