using GitLabConnector.GitLab;

namespace GitLabConnector.Projects;

/// <summary>
/// Resends through GitLab's hook events API (17.4+) the deliveries of the last 2 days that failed for a reason a resend
/// can cure (a timeout or network error, 5xx, 408, 429 — not a 4xx the connector answered on purpose), oldest first,
/// each at most twice (GitLab logs a resend as a new delivery under the same Idempotency-Key). GitLab allows 5 tests
/// and resends a minute per user and project: one every 12 s, at most 10 per connection and run; the rest wait for the next run.
/// </summary>
public sealed class FailedDeliveryResender(IGitLabApi gitLab, TimeProvider time, ILogger<FailedDeliveryResender> logger)
{
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(2);
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(12);
    public const int MaxPerRun = 10;
    private const int MaxAttempts = 3;

    /// <param name="allowance">How many resends this run may still make (the connection's share of <see cref="MaxPerRun"/>).</param>
    public async Task<(HookCheckState State, int Resent)> ResendAsync(
        GitLabConnection connection, GitLabHookOwner owner, long ownerId, HookState hook, HookCheckState state, int allowance, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expiredThrough = state.ExpiredThrough(now - Lookback);
        var log = await gitLab.ListHookEventsAsync(connection, owner, ownerId, hook.Id, cancellationToken)
            .TakeWhile(e => e.Id > expiredThrough).ToListAsync(cancellationToken).ConfigureAwait(false);

        var due = log.GroupBy(e => e.IdempotencyKey ?? e.Id.ToString(CultureInfo.InvariantCulture))
            .Where(attempts => attempts.Count() < MaxAttempts && !attempts.Any(e => IsDelivered(e.ResponseStatus)))
            .Select(attempts => attempts.MaxBy(e => e.Id)!)
            .Where(e => e.Id > state.ResentThrough && IsCurable(e.ResponseStatus)

                // GitLab cannot resend a delivery made to an earlier URL of the hook.
                && (hook.Url is null || (Uri.TryCreate(e.Url, UriKind.Absolute, out var to) && HookState.SameUrl(to, hook.Url))))
            .Select(e => e.Id).Order().ToList();

        var resentThrough = state.ResentThrough;
        var resent = 0;
        foreach (var eventId in due.Take(allowance))
        {
            // Also spaces the first resend from a test delivery or a resend made just before.
            await Task.Delay(Spacing, time, cancellationToken).ConfigureAwait(false);
            try
            {
                await gitLab.ResendHookEventAsync(connection, owner, ownerId, hook.Id, eventId, cancellationToken).ConfigureAwait(false);
                resent++;
            }
            catch (GitLabApiException e)
            {
                ProjectsLog.ResendFailed(logger, connection.ConnectionId, hook.Id, eventId, e.Status);

                // 404 or 422 (gone from GitLab's log, or not resendable) has nothing to retry; otherwise the rest waits for the next run.
                if (e.Status is not (404 or 422))
                {
                    break;
                }
            }

            resentThrough = eventId;
        }

        if (due.Count > 0)
        {
            ProjectsLog.Resent(logger, connection.ConnectionId, ownerId, hook.Id, resent, due.Count(id => id > resentThrough));
        }

        return (state.Seen(now, log.Count > 0 ? log[0].Id : expiredThrough, Lookback) with { ResentThrough = resentThrough }, resent);
    }

    private static bool IsDelivered(string? status) => int.TryParse(status, CultureInfo.InvariantCulture, out var code) && code is >= 200 and < 400;

    // "internal error" is GitLab's record of a timeout or a network error.
    private static bool IsCurable(string? status) => !int.TryParse(status, CultureInfo.InvariantCulture, out var code) || code is 408 or 429 or >= 500;
}
