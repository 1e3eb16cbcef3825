using GitLabConnector.Connections;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;
using GitLabConnector.Telemetry;

namespace GitLabConnector.Webhooks;

/// <summary>
/// The <c>webhook</c> function: connection, authentication (headers first; a signed body is read within the unverified
/// budget), rate limit, validation, then the one durable write and 202 — or a documented 4xx/503 with a log line.
/// GitLab disables hooks that keep failing, so nothing is acknowledged before it is stored.
/// </summary>
public sealed class WebhookIngestion(
    ConnectionCache connections,
    WebhookAuthenticator authenticator,
    ConnectionRateLimiter rateLimiter,
    FailedAuthenticationLimiter failedAuthentications,
    UnknownConnectionLimiter unknownLookups,
    UnverifiedBodyBudget unverifiedBytes,
    EventQueueWriter queue,
    DeliveryOutcomes outcomes,
    WebhookMetrics metrics,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookIngestion> logger)
{
    // So the events route can say "ignored" rather than "queued" forever; best effort, the answer is 202 either way.
    private async Task RecordIgnoredAsync(string connectionId, string eventId, string eventName, CancellationToken cancellationToken)
    {
        try
        {
            await outcomes.RecordAsync(connectionId, eventId, DeliveryOutcomes.Ignored, $"'{eventName}' is not among the events this connection subscribes to", null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            WebhookLog.OutcomeNotRecorded(logger, eventId, connectionId, e.GetType().Name);
        }
    }

    private static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BudgetRetryAfter = TimeSpan.FromSeconds(5);
    private readonly RefusalSummary _unknownIds = new(time);
    private readonly RefusalSummary _throttledFailures = new(time);

    public async Task<IResult> HandleAsync(HttpRequest request, string connectionId)
    {
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = request.HttpContext.RequestAborted;
        string? eventName = null;
        using var activity = ConnectorActivitySource.StartIngest(Sanitize(connectionId));

        IResult Refuse(int status, string reason, string detail, TimeSpan? retryAfter = null)
        {
            metrics.Record(reason, eventName, Stopwatch.GetElapsedTime(started));
            return WebhookProblems.Create(request.HttpContext.Response, status, reason, detail, retryAfter);
        }

        IResult Reject(int status, string reason, string detail, TimeSpan? retryAfter = null)
        {
            WebhookLog.Rejected(logger, Sanitize(connectionId), status, reason);
            return Refuse(status, reason, detail, retryAfter);
        }

        try
        {
            if (!ConnectionId.IsValid(connectionId))
            {
                return UnknownConnection();
            }

            if (!connections.IsRemembered(connectionId) && unknownLookups.TryAcquire() is { } lookupWait)
            {
                return Refuse(StatusCodes.Status503ServiceUnavailable, "lookup-throttled", "Too many deliveries for connection ids this instance does not know; retry later.", lookupWait);
            }

            var connection = await connections.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
            if (connection is null || connection.Status != ConnectionStatus.Active)
            {
                return UnknownConnection();
            }

            var headers = request.Headers;
            var signature = Single(headers["webhook-signature"]);
            var webhookId = Single(headers["webhook-id"]);
            var timestamp = Single(headers["webhook-timestamp"]);
            var auth = await authenticator.AuthenticateHeadersAsync(connection, Single(headers["X-Gitlab-Token"]), signature is not null, cancellationToken).ConfigureAwait(false);
            if (auth == AuthOutcome.SignatureRequired)
            {
                // Everything the headers can prove comes before any byte of the body is read.
                auth = await authenticator.VerifySignatureAsync(connection, webhookId, timestamp, signature, null, cancellationToken).ConfigureAwait(false);
            }

            if (auth is not (AuthOutcome.Authenticated or AuthOutcome.SignatureRequired))
            {
                return AuthenticationFailed(connection.Id, auth);
            }

            // Only authenticated deliveries spend the connection's budget; a signed one is proven once its body is read.
            if (auth == AuthOutcome.Authenticated && RateLimited(connection.Id) is { } limited)
            {
                return limited;
            }

            if (!request.HasJsonContentType())
            {
                return Reject(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "GitLab deliveries are application/json.");
            }

            PooledBody? body;
            if (auth == AuthOutcome.SignatureRequired)
            {
                using var reservation = unverifiedBytes.Open();
                var read = await BoundedBodyReader.ReadAsync(request, options.Value.MaxPayloadBytes, reservation, cancellationToken).ConfigureAwait(false);
                if (read.IsOverBudget)
                {
                    return Reject(StatusCodes.Status503ServiceUnavailable, "unverified-budget-exhausted", "Too many unverified bodies are being read right now; retry later.", BudgetRetryAfter);
                }

                body = read.Body;
                if (body is not null)
                {
                    auth = await authenticator.VerifySignatureAsync(connection, webhookId, timestamp, signature, body.Memory, cancellationToken).ConfigureAwait(false);
                    if ((auth != AuthOutcome.Authenticated ? AuthenticationFailed(connection.Id, auth) : RateLimited(connection.Id)) is { } signedRefusal)
                    {
                        body.Dispose();
                        return signedRefusal;
                    }
                }
            }
            else
            {
                body = await BoundedBodyReader.ReadAsync(request, options.Value.MaxPayloadBytes, cancellationToken).ConfigureAwait(false);
            }

            if (body is null)
            {
                return Reject(StatusCodes.Status413PayloadTooLarge, "payload-too-large", $"The body exceeds {options.Value.MaxPayloadBytes} bytes.");
            }

            using var _ = body;
            var validation = DeliveryValidator.Validate(Single(headers["X-Gitlab-Event"]), body.Memory);
            if (!validation.IsValid)
            {
                return Reject(StatusCodes.Status400BadRequest, validation.Reason!, validation.Detail!);
            }

            eventName = validation.EventName!;
            var idempotencyKey = Single(headers["Idempotency-Key"]) ?? webhookId;
            if (idempotencyKey is not null && !EventIdentity.IsSafeId(idempotencyKey))
            {
                return Reject(StatusCodes.Status400BadRequest, "bad-idempotency-key", "Idempotency-Key must be at most 128 characters of letters, digits, '-', '_', '.', ':'.");
            }

            var eventId = EventIdentity.EventId(idempotencyKey, Single(headers["X-Gitlab-Event-UUID"]));
            if (!connection.AcceptsEvent(eventName))
            {
                WebhookLog.Ignored(logger, eventName, eventId, connection.Id);
                await RecordIgnoredAsync(connection.Id, eventId, eventName, cancellationToken).ConfigureAwait(false);
                metrics.Record("ignored", eventName, Stopwatch.GetElapsedTime(started));
                return TypedResults.Accepted((string?)null, new WebhookAccepted(eventId, "ignored"));
            }

            var envelope = new EventEnvelope
            {
                EventId = eventId,
                DedupeKey = EventIdentity.DedupeKey(connection.Id, eventName, idempotencyKey, body.Memory.Span),
                ConnectionId = connection.Id,
                EventName = eventName,
                ObjectKind = validation.ObjectKind,
                ReceivedAt = time.GetUtcNow(),
                WebhookUuid = SafeOrNull(Single(headers["X-Gitlab-Webhook-UUID"])),
                EventUuid = SafeOrNull(Single(headers["X-Gitlab-Event-UUID"])),
                Instance = InstanceOrNull(Single(headers["X-Gitlab-Instance"])),
                IdempotencyKey = idempotencyKey,
                CorrelationId = Activity.Current?.TraceId.ToString() ?? eventId,
                TraceParent = Activity.Current?.Id,
            };

            EventSpans.TagDelivery(activity, envelope, body.Length);
            var claimCheck = await queue.EnqueueAsync(envelope, body.Memory, cancellationToken).ConfigureAwait(false);
            WebhookLog.Accepted(logger, eventName, eventId, connection.Id, body.Length, claimCheck);
            metrics.RecordPayload(body.Length);
            metrics.Record("queued", eventName, Stopwatch.GetElapsedTime(started));
            return TypedResults.Accepted((string?)null, new WebhookAccepted(eventId, "queued"));
        }
        catch (RequestFailedException e) when (!cancellationToken.IsCancellationRequested)
        {
            WebhookLog.StorageUnavailable(logger, Sanitize(connectionId), e.Status, e.ErrorCode, e);
            return Refuse(StatusCodes.Status503ServiceUnavailable, "storage-unavailable", "The event store is unavailable; nothing was stored. Retry later.", StorageRetryAfter);
        }
        catch (SecretStoreUnavailableException e) when (!cancellationToken.IsCancellationRequested)
        {
            WebhookLog.SecretsUnavailable(logger, Sanitize(connectionId), e);
            return Refuse(StatusCodes.Status503ServiceUnavailable, "secrets-unavailable", "The secret store is unavailable; nothing was stored. Retry later.", StorageRetryAfter);
        }
        catch (BadHttpRequestException e)
        {
            // A client too slow to send its body (408) or sending a malformed one: its problem, not ours.
            WebhookLog.ClientFailed(logger, Sanitize(connectionId), e.StatusCode, e.Message);
            return Refuse(e.StatusCode, "bad-request", "The request could not be read.");
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            WebhookLog.ClientFailed(logger, Sanitize(connectionId), 499, "the client disconnected");
            metrics.Record("client-disconnected", eventName, Stopwatch.GetElapsedTime(started));
            return Results.Empty;
        }

        IResult UnknownConnection()
        {
            if (_unknownIds.Count() is > 0 and var refused)
            {
                WebhookLog.UnknownConnections(logger, refused, (int)RefusalSummary.Interval.TotalSeconds);
            }

            return Refuse(StatusCodes.Status404NotFound, "unknown-connection", "No active connection has this id.");
        }

        IResult? RateLimited(string id)
        {
            if (rateLimiter.TryAcquire(id) is not { } wait)
            {
                return null;
            }

            WebhookLog.RateLimited(logger, id, (int)Math.Ceiling(wait.TotalSeconds));
            return Reject(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many deliveries for this connection; retry later.", wait);
        }

        IResult AuthenticationFailed(string id, AuthOutcome outcome)
        {
            if (failedAuthentications.RecordFailure(id, request.HttpContext.Connection.RemoteIpAddress) is { } wait)
            {
                if (_throttledFailures.Count() is > 0 and var throttled)
                {
                    WebhookLog.FailuresThrottled(logger, throttled, (int)RefusalSummary.Interval.TotalSeconds);
                }

                return Refuse(StatusCodes.Status429TooManyRequests, "too-many-failures", "Too many failed authentications from this sender or for this connection; retry later.", wait);
            }

            WebhookLog.AuthenticationFailed(logger, id, outcome);
            var (status, reason, detail) = outcome switch
            {
                AuthOutcome.MissingToken => (401, "missing-token", "The X-Gitlab-Token header is missing."),
                AuthOutcome.MissingSignature => (401, "missing-signature", "This connection requires a signed delivery (webhook-id, webhook-timestamp, webhook-signature)."),
                AuthOutcome.StaleSignature => (403, "stale-signature", "The webhook-timestamp is outside the accepted window."),
                AuthOutcome.InvalidSignature => (403, "invalid-signature", "The webhook-signature does not match."),
                AuthOutcome.NoSecret => (403, "no-secret", "The connection has no webhook secret configured; nothing is accepted."),
                _ => (403, "invalid-token", "The X-Gitlab-Token does not match the connection's webhook secret."),
            };
            return Refuse(status, reason, detail);
        }
    }

    // A header sent twice is ambiguous; treat it as absent rather than guess.
    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static string? SafeOrNull(string? value) => EventIdentity.IsSafeId(value) ? value : null;

    private static string? InstanceOrNull(string? value) =>
        value is { Length: <= 2048 } && Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? value : null;

    private static string Sanitize(string? id) => ConnectionId.IsValid(id) ? id! : "(invalid)";
}

public sealed record WebhookAccepted(string EventId, string Status);
