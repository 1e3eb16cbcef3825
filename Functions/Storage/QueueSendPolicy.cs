using System.Net.Http;
using Azure.Core.Pipeline;

namespace GitLabConnector.Storage;

/// <summary>
/// A queue send is not idempotent: a try that timed out or answered 500 may have been applied, and the SDK's retry
/// queues a second copy (docs/benchmarks/enrich.md). Sends inside <see cref="SendOnce"/> wait longer
/// (<c>Connector:Storage:SendNetworkTimeout</c>) and are retried only when provably not applied: no connection, or
/// 503/429. Other sends (ingest, whose copies the claim deduplicates) keep the SDK's retries.
/// </summary>
internal sealed class QueueSendPolicy(TimeSpan networkTimeout) : HttpPipelineSynchronousPolicy
{
    private const string SendOnceProperty = "GitLabConnector.Storage.SendOnce";

    /// <summary>Queue sends started inside the returned scope (same async flow) are re-sent only when provably not applied.</summary>
    public static IDisposable SendOnce() =>
        HttpPipeline.CreateHttpMessagePropertiesScope(new Dictionary<string, object?>(StringComparer.Ordinal) { [SendOnceProperty] = true });

    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.TryGetProperty(SendOnceProperty, out _) && message.Request.Method == RequestMethod.Post &&
            message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal))
        {
            message.NetworkTimeout = networkTimeout;
            message.ResponseClassifier = new SendClassifier(message.ResponseClassifier);
        }
    }

    private sealed class SendClassifier(ResponseClassifier inner) : ResponseClassifier
    {
        public override bool IsErrorResponse(HttpMessage message) => inner.IsErrorResponse(message);

        public override bool IsRetriableResponse(HttpMessage message) => message.Response.Status is 503 or 429;

        public override bool IsRetriableException(Exception exception) => NotSent(exception);

        public override bool IsRetriable(HttpMessage message, Exception exception) => NotSent(exception);

        private static bool NotSent(Exception exception)
        {
            for (var e = exception; e is not null; e = e.InnerException)
            {
                if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
