using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.GitLab;

public class GitLabRateBudgetTests : FakeGitLabTestBase
{
    [Fact]
    public async Task Holds_the_request_over_budget_until_the_window_frees()
    {
        var clock = new ManualTimeProvider();
        UseClient(GitLabClientHarness.Create(o => o.RequestsPerMinute = 5, clock));
        GitLab.State.AddProject(5);
        for (var i = 0; i < 5; i++)
        {
            await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);
        }

        var sixth = Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);
        await clock.WaitForPendingTimersAsync();

        Assert.False(sixth.IsCompleted);
        Assert.Equal(5, GitLab.Requests.To("/projects/5").Count);

        clock.Advance(TimeSpan.FromMinutes(1));
        await sixth;
        Assert.Equal(6, GitLab.Requests.To("/projects/5").Count);
    }

    [Fact]
    public async Task Keeps_headroom_below_gitlabs_limit_by_default()
    {
        var clock = new ManualTimeProvider();
        UseClient(GitLabClientHarness.Create(o => { o.RequestsPerMinute = 20; o.BudgetUtilization = 0.95; }, clock));
        GitLab.State.AddProject(5);
        for (var i = 0; i < 19; i++)
        {
            await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);
        }

        var twentieth = Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);
        await clock.WaitForPendingTimersAsync();

        Assert.False(twentieth.IsCompleted);
        Assert.Equal(19, GitLab.Requests.To("/projects/5").Count);
        clock.Advance(TimeSpan.FromMinutes(1));
        await twentieth;
    }

    [Fact]
    public async Task Budget_window_follows_the_RateWindow_setting()
    {
        var clock = new ManualTimeProvider();
        UseClient(GitLabClientHarness.Create(o => { o.RequestsPerMinute = 2; o.RateWindow = TimeSpan.FromSeconds(6); }, clock));
        GitLab.State.AddProject(5);
        await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);
        await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);

        var third = Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);
        await clock.WaitForPendingTimersAsync();
        Assert.False(third.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(6));
        await third;
        Assert.Equal(3, GitLab.Requests.To("/projects/5").Count);
    }

    [Fact]
    public async Task Budgets_user_lookups_separately_and_refuses_a_wait_longer_than_allowed()
    {
        var clock = new ManualTimeProvider();
        UseClient(GitLabClientHarness.Create(o => o.UserRequestsPerTenMinutes = 1, clock));
        GitLab.State.AddUser(42, "bob");
        GitLab.State.AddProject(5);

        await Client.Api.GetUserAsync(Connection, 42, CancellationToken.None);
        var error = await Assert.ThrowsAsync<GitLabApiException>(() => Client.Api.GetUserAsync(Connection, 42, CancellationToken.None));
        await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);

        // The next user slot is 10 minutes away (over the 2-minute wait limit): a transient 429, nothing sent to GitLab.
        Assert.Equal(429, error.Status);
        Assert.True(error.IsTransient);
        Assert.Single(GitLab.Requests.To("/users/42"));
        Assert.Single(GitLab.Requests.To("/projects/5"));
    }

    [Fact]
    public async Task A_pause_after_429_delays_every_request_of_the_connection()
    {
        var clock = new ManualTimeProvider();
        var budget = new SlidingWindowBudget(100, TimeSpan.FromMinutes(1), clock);
        budget.PauseUntil(clock.GetUtcNow().AddSeconds(30));

        var acquire = budget.AcquireAsync(TimeSpan.FromMinutes(2), CancellationToken.None).AsTask();
        await clock.WaitForPendingTimersAsync();
        Assert.False(acquire.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), await acquire);
    }

    [Fact]
    public async Task Fails_fast_instead_of_waiting_longer_than_allowed()
    {
        var clock = new ManualTimeProvider();
        var budget = new SlidingWindowBudget(1, TimeSpan.FromMinutes(10), clock);
        await budget.AcquireAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        var error = await Assert.ThrowsAsync<GitLabApiException>(() => budget.AcquireAsync(TimeSpan.FromMinutes(1), CancellationToken.None).AsTask());

        Assert.Equal(429, error.Status);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Waiting_for_budget_is_cancellable()
    {
        var clock = new ManualTimeProvider();
        var budget = new SlidingWindowBudget(1, TimeSpan.FromMinutes(1), clock);
        await budget.AcquireAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = budget.AcquireAsync(TimeSpan.FromMinutes(2), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
