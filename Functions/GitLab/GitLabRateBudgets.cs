using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace GitLabConnector.GitLab;

/// <summary>
/// Request budgets per connection mirroring GitLab.com's limits, so the connector waits instead of collecting 429s;
/// after a 429 nothing is sent on the connection before the time GitLab advertised. Background calls (a sync) wait
/// while any other call waits or less than a tenth of the budget is left: a sync never starves webhook enrichment.
/// </summary>
public sealed class GitLabRateBudgets(IOptions<GitLabApiOptions> options, TimeProvider time) : IDisposable
{
    // A sliding-window limiter gives a permit back when its window slides past the segment the permit was taken in,
    // up to one segment early; a window one segment longer keeps every span of RateWindow within the limit (at 1/60
    // of the throughput).
    private const int Segments = 60;

    private readonly ConcurrentDictionary<string, Lazy<ConnectionBudget>> _budgets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);

    /// <summary>The longest a request waits for budget before failing with a transient 429.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Waits for a slot in the connection's budget(s), then for the end of a pause GitLab asked for; returns the time waited.</summary>
    public async ValueTask<TimeSpan> AcquireAsync(string connectionId, bool isUserLookup, bool background, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var budget = For(connectionId);
        while (background && budget.All.GetStatistics() is { } load && (load.CurrentQueuedCount > 0 || load.CurrentAvailablePermits <= budget.Reserve))
        {
            if (time.GetUtcNow() - started > MaxWait)
            {
                throw Exhausted(MaxWait);
            }

            await Task.Delay(budget.All.ReplenishmentPeriod, time, cancellationToken).ConfigureAwait(false);
        }

        if (isUserLookup)
        {
            await TakeAsync(budget.Users, cancellationToken).ConfigureAwait(false);
        }

        await TakeAsync(budget.All, cancellationToken).ConfigureAwait(false);
        var pause = _pausedUntil.GetValueOrDefault(connectionId) - time.GetUtcNow();
        if (pause > MaxWait)
        {
            throw Exhausted(pause);
        }

        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }

        return time.GetUtcNow() - started;
    }

    public void PauseUntil(string connectionId, DateTimeOffset until) =>
        _pausedUntil.AddOrUpdate(connectionId, until, (_, paused) => paused > until ? paused : until);

    public void Dispose()
    {
        foreach (var budget in _budgets.Values.Where(b => b.IsValueCreated))
        {
            budget.Value.All.Dispose();
            budget.Value.Users.Dispose();
        }
    }

    private async ValueTask TakeAsync(SlidingWindowRateLimiter limiter, CancellationToken cancellationToken)
    {
        using (var lease = limiter.AttemptAcquire())
        {
            if (lease.IsAcquired)
            {
                return;
            }
        }

        // The limiter cannot say when a permit frees up, only that it does within one window: a window longer than a
        // caller may wait (the user-lookup budget's ten minutes) is refused at once rather than waited on.
        var window = limiter.ReplenishmentPeriod * (Segments + 1);
        if (window > MaxWait)
        {
            throw Exhausted(window);
        }

        using var queued = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!queued.IsAcquired)
        {
            throw Exhausted(window);
        }
    }

    private static GitLabBudgetExhaustedException Exhausted(TimeSpan wait) =>
        new($"GitLab request budget exhausted; the next request may wait up to {Math.Ceiling(wait.TotalSeconds)} s");

    private ConnectionBudget For(string connectionId) => _budgets.GetOrAdd(connectionId, _ => new(() =>
    {
        var gitLab = options.Value;
        var permits = gitLab.RequestsPerMinute * gitLab.BudgetUtilization;
        return new ConnectionBudget(
            Limiter(permits, gitLab.RateWindow),
            Limiter(gitLab.UserRequestsPerTenMinutes * gitLab.BudgetUtilization, TimeSpan.FromMinutes(10)),
            (int)(permits / 10));
    })).Value;

    private static SlidingWindowRateLimiter Limiter(double permits, TimeSpan window) => new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, (int)permits),
        // Whole milliseconds: the limiter's timer truncates its period to them, which would shorten the window.
        Window = TimeSpan.FromMilliseconds(Math.Ceiling(window.TotalMilliseconds / Segments)) * (Segments + 1),
        SegmentsPerWindow = Segments + 1,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    private sealed record ConnectionBudget(SlidingWindowRateLimiter All, SlidingWindowRateLimiter Users, int Reserve);
}
