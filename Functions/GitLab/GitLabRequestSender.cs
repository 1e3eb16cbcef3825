using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace GitLabConnector.GitLab;

/// <summary>
/// Sends one <see cref="GitLabRequest"/>: waits for the connection's budget, applies the per-request timeout, follows
/// same-origin GET redirects, maps errors, and retries 429/5xx/timeouts with backoff (honouring Retry-After and
/// RateLimit-Reset). The token goes into a per-request <c>PRIVATE-TOKEN</c> header only.
/// </summary>
internal sealed class GitLabRequestSender(
    HttpClient http,
    GitLabApiOptions options,
    GitLabRateBudgets budgets,
    GitLabBackoff backoff,
    GitLabMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private const int MaxRedirects = 5;
    private const int MaxErrorBodyBytes = 64 * 1024;

    public async Task<GitLabResponse> SendAsync(GitLabConnection connection, GitLabRequest request, CancellationToken cancellationToken)
    {
        var maxRetries = request.Retry ? options.MaxRetries : 0;
        for (var attempt = 0; ; attempt++)
        {
            var waited = await budgets.AcquireAsync(connection.ConnectionId, request.IsUserLookup, cancellationToken).ConfigureAwait(false);
            metrics.BudgetWaited(waited);
            if (waited >= TimeSpan.FromMilliseconds(100))
            {
                GitLabLog.BudgetWaited(logger, connection.ConnectionId, (long)waited.TotalMilliseconds);
            }

            var outcome = await SendOnceAsync(connection, request, cancellationToken).ConfigureAwait(false);
            if (outcome.Response is { } response)
            {
                return response;
            }

            var failure = outcome.Failure!;
            if (!failure.IsTransient || attempt >= maxRetries)
            {
                throw failure;
            }

            var delay = outcome.RetryNotBefore is { } notBefore ? notBefore - time.GetUtcNow() : backoff.DelayFor(attempt);
            if (delay > backoff.MaxAdvertisedWait)
            {
                throw failure;
            }

            delay = delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
            metrics.Retried(failure.Status);
            GitLabLog.Retrying(logger, request.Method.Method, request.Uri.AbsolutePath, connection.ConnectionId, failure.Status, attempt + 1, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Outcome> SendOnceAsync(GitLabConnection connection, GitLabRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var uri = request.Uri;
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var message = CreateMessage(connection, request, uri);
                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                metrics.RequestCompleted(request.Method.Method, status);
                metrics.RateLimitRemaining(connection.ConnectionId, response.Headers);
                GitLabLog.RequestCompleted(logger, request.Method.Method, uri.AbsolutePath, connection.ConnectionId, status);

                if (IsRedirect(response.StatusCode) && request.Method == HttpMethod.Get && hop < MaxRedirects && response.Headers.Location is { } location)
                {
                    var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    if (!GitLabApiUri.IsSameOrigin(uri, target))
                    {
                        GitLabLog.RedirectRefused(logger, status, uri.AbsolutePath);
                        return Outcome.Failed(new GitLabApiException(status, $"GitLab {request.Method.Method} {uri.AbsolutePath} redirected to another origin; not followed"));
                    }

                    GitLabLog.Redirected(logger, status, uri.AbsolutePath, target.AbsolutePath);
                    uri = target;
                    continue;
                }

                // An error body only feeds the error message; a success body is what the caller parses.
                var limit = response.IsSuccessStatusCode ? options.MaxResponseBytes : MaxErrorBodyBytes;
                var body = await GitLabResponseReader.ReadAsync(response.Content, limit, linked.Token).ConfigureAwait(false);
                if (body is null)
                {
                    GitLabLog.ResponseTooLarge(logger, request.Method.Method, uri.AbsolutePath, connection.ConnectionId, status, limit);
                    return response.IsSuccessStatusCode
                        ? Outcome.Failed(new GitLabResponseTooLargeException(status, $"GitLab {request.Method.Method} {uri.AbsolutePath} answered more than {limit} bytes; not read"))
                        : Fail(connection, request.Method, uri, response, status, []);
                }

                if (response.IsSuccessStatusCode)
                {
                    return Outcome.Succeeded(new GitLabResponse(status, response.Headers, body, uri));
                }

                return Fail(connection, request.Method, uri, response, status, body);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            metrics.RequestCompleted(request.Method.Method, 0);
            GitLabLog.TimedOut(logger, request.Method.Method, uri.AbsolutePath, connection.ConnectionId, (long)options.Timeout.TotalMilliseconds);
            return Outcome.Failed(new GitLabApiException(0, $"GitLab {request.Method.Method} {uri.AbsolutePath} timed out after {options.Timeout.TotalSeconds} s"));
        }
        catch (HttpRequestException ex) when (ex.InnerException is GitLabAddressRefusedException refused)
        {
            metrics.RequestCompleted(request.Method.Method, 0);
            return Outcome.Failed(refused);
        }
        catch (HttpRequestException ex)
        {
            metrics.RequestCompleted(request.Method.Method, 0);
            GitLabLog.Unreachable(logger, request.Method.Method, uri.AbsolutePath, connection.ConnectionId, ex.HttpRequestError.ToString());
            return Outcome.Failed(new GitLabApiException(0, $"GitLab {request.Method.Method} {uri.AbsolutePath} could not be sent: {ex.HttpRequestError}"));
        }
    }

    private Outcome Fail(GitLabConnection connection, HttpMethod method, Uri uri, HttpResponseMessage response, int status, byte[] body)
    {
        var message = GitLabErrorMessage.For(method, uri, status, body, connection.Token);
        GitLabLog.Failed(logger, method.Method, uri.AbsolutePath, connection.ConnectionId, status, response.ReasonPhrase ?? string.Empty);
        if (status == 401)
        {
            return Outcome.Failed(new GitLabUnauthorizedException(message));
        }

        DateTimeOffset? notBefore = null;
        if (status == 429)
        {
            metrics.RateLimited();
            notBefore = GitLabBackoff.AdvertisedRetryTime(response.Headers, time.GetUtcNow());
            if (notBefore is { } until)
            {
                budgets.PauseUntil(connection.ConnectionId, until);
                GitLabLog.RateLimited(logger, connection.ConnectionId, until);
            }
        }

        return Outcome.Failed(new GitLabApiException(status, message), notBefore);
    }

    private static HttpRequestMessage CreateMessage(GitLabConnection connection, GitLabRequest request, Uri uri)
    {
        var message = new HttpRequestMessage(request.Method, uri);
        message.Headers.TryAddWithoutValidation("PRIVATE-TOKEN", connection.Token);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return message;
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private sealed record Outcome(GitLabResponse? Response, GitLabApiException? Failure, DateTimeOffset? RetryNotBefore)
    {
        public static Outcome Succeeded(GitLabResponse response) => new(response, null, null);

        public static Outcome Failed(GitLabApiException failure, DateTimeOffset? retryNotBefore = null) => new(null, failure, retryNotBefore);
    }
}
