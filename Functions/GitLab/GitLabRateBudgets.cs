using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace GitLabConnector.GitLab;

/// <summary>
/// Client-side request budgets per connection, mirroring GitLab.com's limits so the connector waits instead of
/// collecting 429s: all API requests (<c>RequestsPerMinute</c> per <c>RateWindow</c>, a minute by default) and, on top, <c>/users/:id</c> (<c>UserRequestsPerTenMinutes</c>).
/// </summary>
public sealed class GitLabRateBudgets(IOptions<GitLabApiOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConnectionBudget> _budgets = new(StringComparer.Ordinal);

    /// <summary>The longest a request waits for budget before failing with a transient 429.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Waits for a slot in the connection's budget(s).</summary>
    /// <returns>The time spent waiting.</returns>
    public async ValueTask<TimeSpan> AcquireAsync(string connectionId, bool isUserLookup, CancellationToken cancellationToken)
    {
        var budget = For(connectionId);
        var waited = TimeSpan.Zero;
        if (isUserLookup)
        {
            waited += await budget.Users.AcquireAsync(MaxWait, cancellationToken).ConfigureAwait(false);
        }

        waited += await budget.All.AcquireAsync(MaxWait, cancellationToken).ConfigureAwait(false);
        return waited;
    }

    /// <summary>GitLab answered 429: nothing more is sent on this connection before <paramref name="until"/>.</summary>
    public void PauseUntil(string connectionId, DateTimeOffset until)
    {
        var budget = For(connectionId);
        budget.All.PauseUntil(until);
        budget.Users.PauseUntil(until);
    }

    private ConnectionBudget For(string connectionId) => _budgets.GetOrAdd(connectionId, _ =>
    {
        var gitLab = options.Value;
        return new ConnectionBudget(
            new SlidingWindowBudget(Math.Max(1, (int)(gitLab.RequestsPerMinute * gitLab.BudgetUtilization)), gitLab.RateWindow, time),
            new SlidingWindowBudget(Math.Max(1, (int)(gitLab.UserRequestsPerTenMinutes * gitLab.BudgetUtilization)), TimeSpan.FromMinutes(10), time));
    });

    private sealed record ConnectionBudget(SlidingWindowBudget All, SlidingWindowBudget Users);
}
