using System.Net.Http;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GitLabConnector.Storage;

/// <summary>
/// Queue sends (<c>POST …/messages</c>) are not idempotent: a try that timed out, was reset after it was sent, or answered
/// 500 may have been applied, and the SDK's retry of it then queues a second copy (the duplicate publishes measured at
/// 5,000 events, docs/benchmarks/enrich.md). So a send waits longer for its answer (<c>Connector:Storage:SendNetworkTimeout</c>)
/// and is retried only when it provably was not applied: the connection could not be made, or the service answered
/// 503/429 (busy). Any other failure surfaces to the caller, whose own retry path decides.
/// </summary>
internal sealed class QueueSendPolicy(TimeSpan networkTimeout) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal))
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
