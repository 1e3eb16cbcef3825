using System.Net.Http.Headers;
using Polly;
using Polly.Retry;

namespace GitLabConnector.GitLab;

/// <summary>
/// Sends one <see cref="GitLabRequest"/>: each attempt waits for the budget, has its own timeout and follows same-origin
/// GET redirects; Polly retries 429/5xx/timeouts with jittered backoff or at the time GitLab advertised. The token goes
/// into a per-request <c>PRIVATE-TOKEN</c> header only.
/// </summary>
internal sealed class GitLabRequestSender(
    GitLabHttpClients httpClients, IOptions<GitLabApiOptions> options, GitLabRateBudgets budgets, GitLabBackoff backoff, GitLabMetrics metrics,
    TimeProvider time, ILogger<GitLabRequestSender> logger)
{
    private const int MaxRedirects = 5;
    private const int MaxErrorBodyBytes = 64 * 1024;
    private static readonly ResiliencePropertyKey<(GitLabConnection Connection, GitLabRequest Request)> CallKey = new("GitLab.Call");

    private readonly GitLabApiOptions _settings = options.Value;
    private readonly ResiliencePipeline<GitLabResponse> _retry = options.Value.MaxRetries == 0
        ? ResiliencePipeline<GitLabResponse>.Empty
        : new ResiliencePipelineBuilder<GitLabResponse> { TimeProvider = time }.AddRetry(new RetryStrategyOptions<GitLabResponse>
        {
            MaxRetryAttempts = options.Value.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = backoff.BaseDelay,
            MaxDelay = backoff.MaxDelay,

            // A 429 asking for a longer wait than an invocation can spend is left to the caller (the queue retries later).
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is GitLabApiException { IsTransient: true } failure
                and not GitLabBudgetExhaustedException && !(failure.RetryNotBefore - time.GetUtcNow() > backoff.MaxAdvertisedWait)),
            // Timers count whole milliseconds and may fire up to one early: round up and add one, never knock before GitLab's time.
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is GitLabApiException { RetryNotBefore: { } notBefore }
                ? (TimeSpan?)TimeSpan.FromMilliseconds(Math.Ceiling(Math.Max(0, (notBefore - time.GetUtcNow()).TotalMilliseconds)) + 1)
                : null),
            OnRetry = args =>
            {
                var (connection, request) = args.Context.Properties.GetValue(CallKey, default);
                var status = (args.Outcome.Exception as GitLabApiException)?.Status ?? 0;
                metrics.Retried(status);
                GitLabLog.Retrying(logger, request.Method.Method, request.Uri.AbsolutePath, connection.ConnectionId, status, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        }).Build();

    public async Task<GitLabResponse> SendAsync(GitLabConnection connection, GitLabRequest request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, (connection, request));
        try
        {
            // Never retried when the request says so: token rotation revokes the old token at once.
            var pipeline = request.Retry ? _retry : ResiliencePipeline<GitLabResponse>.Empty;
            return await pipeline.ExecuteAsync(
                static (context, self) => self.SendOnceAsync(context.Properties.GetValue(CallKey, default), context.CancellationToken),
                context,
                this).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<GitLabResponse> SendOnceAsync((GitLabConnection Connection, GitLabRequest Request) call, CancellationToken cancellationToken)
    {
        var (connection, request) = call;
        var waited = await budgets.AcquireAsync(connection.ConnectionId, request.IsUserLookup, connection.Background, cancellationToken).ConfigureAwait(false);
        metrics.BudgetWaited(waited);
        if (waited >= TimeSpan.FromMilliseconds(100))
        {
            GitLabLog.BudgetWaited(logger, connection.ConnectionId, (long)waited.TotalMilliseconds);
        }

        using var timeout = new CancellationTokenSource(_settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var uri = request.Uri;
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var message = CreateMessage(connection, request, uri);
                using var response = await httpClients.For(connection).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                metrics.RequestCompleted(request.Method.Method, status);
                metrics.RateLimitRemaining(connection.ConnectionId, response.Headers);
                GitLabLog.RequestCompleted(logger, request.Method.Method, uri.AbsolutePath, connection.ConnectionId, status);

                if ((status is 301 or 302 or 303 or 307 or 308) && request.Method == HttpMethod.Get && hop < MaxRedirects && response.Headers.Location is { } location)
                {
                    var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    if (!GitLabApiUri.IsSameOrigin(uri, target))
                    {
                        GitLabLog.RedirectRefused(logger, status, uri.AbsolutePath);
                        throw new GitLabApiException(status, $"GitLab {request.Method.Method} {uri.AbsolutePath} redirected to another origin; not followed");
                    }

                    GitLabLog.Redirected(logger, status, uri.AbsolutePath, target.AbsolutePath);
                    uri = target;
                    continue;
                }

                // An error body only feeds the error message; a success body is what the caller parses.
                var limit = response.IsSuccessStatusCode ? _settings.MaxResponseBytes : MaxErrorBodyBytes;
                try
                {
                    // Refuses a declared Content-Length over the limit before reading, and stops a body that keeps coming as soon as it passes it.
                    await response.Content.LoadIntoBufferAsync(limit, linked.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
                {
                    GitLabLog.ResponseTooLarge(logger, request.Method.Method, uri.AbsolutePath, connection.ConnectionId, status, limit);
                    throw response.IsSuccessStatusCode
                        ? new GitLabResponseTooLargeException(status, $"GitLab {request.Method.Method} {uri.AbsolutePath} answered more than {limit} bytes; not read")
                        : Failure(connection, request, uri, response, status, []);
                }

                var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                return response.IsSuccessStatusCode
                    ? new GitLabResponse(status, response.Headers, body, uri)
                    : throw Failure(connection, request, uri, response, status, body);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            metrics.RequestCompleted(request.Method.Method, 0);
            GitLabLog.TimedOut(logger, request.Method.Method, uri.AbsolutePath, connection.ConnectionId, (long)_settings.Timeout.TotalMilliseconds);
            throw new GitLabApiException(0, $"GitLab {request.Method.Method} {uri.AbsolutePath} timed out after {_settings.Timeout.TotalSeconds} s");
        }
        catch (HttpRequestException ex) when (ex.InnerException is GitLabAddressRefusedException refused)
        {
            metrics.RequestCompleted(request.Method.Method, 0);
            throw refused;
        }
        // Only a failed certificate check is an AuthenticationException; a reset or EOF mid-handshake is an IOException, transient.
        catch (HttpRequestException ex) when (ex is { HttpRequestError: HttpRequestError.SecureConnectionError, InnerException: System.Security.Authentication.AuthenticationException refused })
        {
            metrics.RequestCompleted(request.Method.Method, 0);
            GitLabLog.CertificateRefused(logger, uri.Host, connection.ConnectionId, connection.CaCertificate is not null, refused.Message);
            throw new GitLabUntrustedCertificateException(
                $"The TLS handshake with GitLab at {uri.Host} failed: {refused.Message} " + (connection.CaCertificate is null
                    ? "A self-managed GitLab behind a private CA needs the connection's caCertificate."
                    : "The connection's caCertificate does not verify GitLab's certificate."));
        }
        catch (HttpRequestException ex)
        {
            metrics.RequestCompleted(request.Method.Method, 0);
            GitLabLog.Unreachable(logger, request.Method.Method, uri.AbsolutePath, connection.ConnectionId, ex.HttpRequestError.ToString());
            throw new GitLabApiException(0, $"GitLab {request.Method.Method} {uri.AbsolutePath} could not be sent: {ex.HttpRequestError}");
        }
    }

    private GitLabApiException Failure(GitLabConnection connection, GitLabRequest request, Uri uri, HttpResponseMessage response, int status, byte[] body)
    {
        var message = GitLabErrorMessage.For(request.Method, uri, status, body, connection.Token);
        GitLabLog.Failed(logger, request.Method.Method, uri.AbsolutePath, connection.ConnectionId, status, response.ReasonPhrase ?? string.Empty);
        if (status == 401)
        {
            return new GitLabUnauthorizedException(message);
        }

        DateTimeOffset? notBefore = null;
        if (status == 429)
        {
            metrics.RateLimited();
            notBefore = GitLabBackoff.AdvertisedRetryTime(response.Headers, time.GetUtcNow());
            // A call never retried (a hook test or resend) meets a limit of its own endpoint, not the connection's.
            if (notBefore is { } until && request.Retry)
            {
                budgets.PauseUntil(connection.ConnectionId, until);
                GitLabLog.RateLimited(logger, connection.ConnectionId, until);
            }
        }

        return new GitLabApiException(status, message) { RetryNotBefore = notBefore };
    }

    private static HttpRequestMessage CreateMessage(GitLabConnection connection, GitLabRequest request, Uri uri)
    {
        var message = new HttpRequestMessage(request.Method, uri)
        {
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } },
            Content = request.Body is null ? null : new StringContent(request.Body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.TryAddWithoutValidation("PRIVATE-TOKEN", connection.Token);
        return message;
    }
}
