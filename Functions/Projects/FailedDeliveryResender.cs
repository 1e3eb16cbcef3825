using System.Threading.RateLimiting;
using GitLabConnector.GitLab;

namespace GitLabConnector.Projects;

/// <summary>
/// Resends through GitLab's hook events API (17.4+) the deliveries GitLab recorded as failed in the last 2 days and
/// not resent before (ids above <see cref="HookCheckState.ResentThrough"/>), oldest first. GitLab allows 5 resends a
/// minute per hook; a sliding window per hook keeps under it, and what it refuses waits for a later run.
/// </summary>
public sealed class FailedDeliveryResender(IGitLabApi gitLab, TimeProvider time, ILogger<FailedDeliveryResender> logger) : IDisposable
{
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(2);
    private const int MaxEvents = 500;

    private readonly PartitionedRateLimiter<string> _perHook = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = 5,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    /// <returns>The id of the newest delivery resent (or skipped for good), to remember.</returns>
    public async Task<long> ResendAsync(GitLabConnection connection, GitLabHookOwner owner, long ownerId, HookState hook, long resentThrough, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(hook);
        var since = time.GetUtcNow() - Lookback;
        var failed = new List<long>();
        foreach (var status in (string[])["client_failure", "server_failure"])
        {
            var events = await gitLab.ListHookEventsAsync(connection, owner, ownerId, hook.Id, status, MaxEvents, cancellationToken).ConfigureAwait(false);
            failed.AddRange(events.Where(e => IsResendable(e, hook, since, resentThrough)).Select(e => e.GetProperty("id").GetInt64()));
        }

        failed.Sort();
        var resent = 0;
        foreach (var eventId in failed)
        {
            using var lease = _perHook.AttemptAcquire(string.Create(CultureInfo.InvariantCulture, $"{connection.ConnectionId}/{owner}/{ownerId}/{hook.Id}"));
            if (!lease.IsAcquired)
            {
                break;
            }

            try
            {
                await gitLab.ResendHookEventAsync(connection, owner, ownerId, hook.Id, eventId, cancellationToken).ConfigureAwait(false);
                resent++;
            }
            catch (GitLabApiException e) when (e.Status is 404 or 422)
            {
                // Gone from GitLab's log, or not resendable: nothing to retry.
                ProjectsLog.ResendFailed(logger, connection.ConnectionId, hook.Id, eventId, e.Status);
            }
            catch (GitLabApiException e) when (e is not GitLabUnauthorizedException)
            {
                ProjectsLog.ResendFailed(logger, connection.ConnectionId, hook.Id, eventId, e.Status);
                break;
            }

            resentThrough = eventId;
        }

        if (failed.Count > 0)
        {
            ProjectsLog.Resent(logger, connection.ConnectionId, ownerId, hook.Id, resent, failed.Count(id => id > resentThrough));
        }

        return resentThrough;
    }

    public void Dispose() => _perHook.Dispose();

    // The events API has no "since" filter; an event without created_at is within GitLab's 7 days and resent too.
    private static bool IsResendable(JsonElement e, HookState hook, DateTimeOffset since, long resentThrough) =>
        e.TryGetProperty("id", out var id) && id.TryGetInt64(out var value) && value > resentThrough
        && !(e.TryGetProperty("created_at", out var at) && at.ValueKind == JsonValueKind.String && at.TryGetDateTimeOffset(out var created) && created < since)
        // GitLab cannot resend a delivery made to an earlier URL of the hook.
        && !(hook.Url is not null && e.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var to)
            && !HookState.SameUrl(to, hook.Url));
}
