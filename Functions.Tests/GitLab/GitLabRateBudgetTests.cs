using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.GitLab;

public class GitLabRateBudgetTests : FakeGitLabTestBase
{
    [Fact]
    public async Task Holds_the_request_over_budget_until_the_RateWindow_frees()
    {
        UseClient(GitLabClientHarness.Create(o => { o.RequestsPerMinute = 2; o.RateWindow = TimeSpan.FromSeconds(1); }));
        GitLab.State.AddProject(5);
        var started = DateTimeOffset.UtcNow;

        for (var i = 0; i < 3; i++)
        {
            await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);
        }

        var log = GitLab.Requests.To("/projects/5");
        Assert.Equal(3, log.Count);
        Assert.True(log[2].ArrivedAt >= started.AddSeconds(1), $"third request at {log[2].ArrivedAt:O}, budget first used after {started:O}");
    }

    [Fact]
    public async Task Keeps_headroom_below_gitlabs_limit_by_default()
    {
        UseClient(GitLabClientHarness.Create(o => { o.RequestsPerMinute = 20; o.BudgetUtilization = 0.95; o.RateWindow = TimeSpan.FromSeconds(1); }));
        GitLab.State.AddProject(5);
        var started = DateTimeOffset.UtcNow;

        for (var i = 0; i < 20; i++)
        {
            await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);
        }

        // 95 % of 20 is 19: the twentieth waits for the window although GitLab would still take it.
        var log = GitLab.Requests.To("/projects/5");
        Assert.True(log[19].ArrivedAt >= started.AddSeconds(1), $"twentieth request at {log[19].ArrivedAt:O}, budget first used after {started:O}");
    }

    [Fact]
    public async Task Budgets_user_lookups_separately_and_refuses_a_wait_longer_than_allowed()
    {
        UseClient(GitLabClientHarness.Create(o => o.UserRequestsPerTenMinutes = 1));
        GitLab.State.AddUser(42, "bob");
        GitLab.State.AddProject(5);

        await Client.Api.GetUserAsync(Connection, 42, CancellationToken.None);
        var error = await Assert.ThrowsAsync<GitLabBudgetExhaustedException>(() => Client.Api.GetUserAsync(Connection, 42, CancellationToken.None));
        await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);

        // The next user slot may be 10 minutes away (over the 2-minute wait limit): a transient 429, nothing sent to GitLab.
        Assert.Equal(429, error.Status);
        Assert.True(error.IsTransient);
        Assert.Single(GitLab.Requests.To("/users/42"));
        Assert.Single(GitLab.Requests.To("/projects/5"));
    }

    [Fact]
    public async Task A_pause_after_429_delays_every_request_of_the_connection()
    {
        var clock = new ManualTimeProvider();
        using var budgets = new GitLabRateBudgets(Options.Create(new GitLabApiOptions()), clock);
        budgets.PauseUntil("conn-1", clock.GetUtcNow().AddSeconds(30));

        var acquire = budgets.AcquireAsync("conn-1", isUserLookup: false, background: false, CancellationToken.None).AsTask();
        await clock.WaitForPendingTimersAsync();
        Assert.False(acquire.IsCompleted);
        Assert.Equal(TimeSpan.Zero, await budgets.AcquireAsync("conn-2", isUserLookup: false, background: false, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), await acquire);
    }

    [Fact]
    public async Task Fails_fast_instead_of_waiting_for_a_pause_longer_than_allowed()
    {
        var clock = new ManualTimeProvider();
        using var budgets = new GitLabRateBudgets(Options.Create(new GitLabApiOptions()), clock) { MaxWait = TimeSpan.FromMinutes(1) };
        budgets.PauseUntil("conn-1", clock.GetUtcNow().AddMinutes(5));

        var error = await Assert.ThrowsAsync<GitLabBudgetExhaustedException>(() => budgets.AcquireAsync("conn-1", isUserLookup: false, background: false, CancellationToken.None).AsTask());

        Assert.Equal(429, error.Status);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Waiting_for_budget_is_cancellable()
    {
        var options = new GitLabApiOptions { RequestsPerMinute = 1, BudgetUtilization = 1.0 };
        using var budgets = new GitLabRateBudgets(Options.Create(options), TimeProvider.System);
        await budgets.AcquireAsync("conn-1", isUserLookup: false, background: false, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = budgets.AcquireAsync("conn-1", isUserLookup: false, background: false, cancel.Token).AsTask();
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task A_background_call_waits_for_the_reserve_while_webhook_calls_go_first()
    {
        var options = new GitLabApiOptions { RequestsPerMinute = 20, BudgetUtilization = 1.0, RateWindow = TimeSpan.FromSeconds(3) };
        using var budgets = new GitLabRateBudgets(Options.Create(options), TimeProvider.System);
        for (var i = 0; i < 18; i++)
        {
            await budgets.AcquireAsync("conn-1", isUserLookup: false, background: false, CancellationToken.None);
        }

        // Two permits left, a tenth of the budget: the reserve is the webhooks'.
        var background = budgets.AcquireAsync("conn-1", isUserLookup: false, background: true, CancellationToken.None).AsTask();
        await budgets.AcquireAsync("conn-1", isUserLookup: false, background: false, CancellationToken.None);
        await budgets.AcquireAsync("conn-1", isUserLookup: false, background: false, CancellationToken.None);
        Assert.False(background.IsCompleted);

        await background;
    }
}
