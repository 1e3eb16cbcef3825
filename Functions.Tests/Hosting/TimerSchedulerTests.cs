using GitLabConnector.Hosting.Standalone;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace GitLabConnector.Tests.Hosting;

public class TimerSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 1, TimeSpan.Zero);

    private readonly ManualTimeProvider _time = new(Start);
    private readonly ILeaseStore _leases = Substitute.For<ILeaseStore>();

    public TimerSchedulerTests()
    {
        _leases.TryAcquireAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>())
            .Returns(call => new Lease(call.ArgAt<string>(0), call.ArgAt<string>(1), _time.GetUtcNow() + call.ArgAt<TimeSpan>(2), "etag"));
        _leases.RenewAsync(Arg.Any<Lease>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>()).Returns(true);
    }

    [Fact]
    public async Task Runs_at_each_cron_time()
    {
        var function = new RecordingTimer(_time, "*/5 * * * * *");
        using var stop = new CancellationTokenSource();
        var run = new TimerScheduler(function.Binding, _leases, _time, NullLogger<TimerScheduler>.Instance, "me").RunAsync(stop.Token);

        await Eventually.TrueAsync(() => _time.NextDue is not null, "first occurrence scheduled");
        Assert.Equal(Start.AddSeconds(4), _time.NextDue);
        Assert.Empty(function.Runs);

        _time.SetUtcNow(Start.AddSeconds(4));
        await Eventually.TrueAsync(() => function.Runs.Count == 1, "first run");
        Assert.Equal(Start.AddSeconds(4), function.Runs[0]);

        await Eventually.TrueAsync(() => _time.NextDue == Start.AddSeconds(9), "second occurrence scheduled");
        _time.SetUtcNow(Start.AddSeconds(9));
        await Eventually.TrueAsync(() => function.Runs.Count == 2, "second run");
        Assert.Equal(Start.AddSeconds(9), function.Runs[1]);

        await _leases.Received(2).TryAcquireAsync("timer-test-timer", "me", TimerScheduler.LeaseDuration, Arg.Any<CancellationToken>());
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Does_not_run_while_another_instance_holds_the_lease()
    {
        _leases.TryAcquireAsync("timer-test-timer", Arg.Any<string>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>()).Returns((Lease?)null);
        var function = new RecordingTimer(_time, "0 0 */6 * * *");
        var scheduler = new TimerScheduler(function.Binding, _leases, _time, NullLogger<TimerScheduler>.Instance, "me");

        var ran = await scheduler.TryRunOccurrenceAsync(Start, Start.AddHours(6), CancellationToken.None);

        Assert.False(ran);
        Assert.Empty(function.Runs);
    }

    [Fact]
    public async Task Releases_the_lease_after_a_run_that_ended_past_its_hold_time()
    {
        var function = new RecordingTimer(_time, "0 0 */6 * * *", onRun: () => _time.Advance(TimeSpan.FromMinutes(2)));
        var scheduler = new TimerScheduler(function.Binding, _leases, _time, NullLogger<TimerScheduler>.Instance, "me");

        Assert.True(await scheduler.TryRunOccurrenceAsync(Start, Start.AddHours(6), CancellationToken.None));

        Assert.Single(function.Runs);
        await _leases.Received(1).ReleaseAsync(Arg.Is<Lease>(l => l.Name == "timer-test-timer"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Quick_run_keeps_the_lease_briefly_so_a_lagging_instance_cannot_repeat_the_occurrence()
    {
        var function = new RecordingTimer(_time, "0 0 */6 * * *");
        var scheduler = new TimerScheduler(function.Binding, _leases, _time, NullLogger<TimerScheduler>.Instance, "me");

        Assert.True(await scheduler.TryRunOccurrenceAsync(Start, Start.AddHours(6), CancellationToken.None));

        await _leases.DidNotReceive().ReleaseAsync(Arg.Any<Lease>(), Arg.Any<CancellationToken>());
        await _leases.Received(1).RenewAsync(Arg.Any<Lease>(), Arg.Is<TimeSpan>(t => t > TimeSpan.Zero && t <= TimeSpan.FromSeconds(30)), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Renews_the_lease_while_a_long_run_is_in_progress()
    {
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var function = new RecordingTimer(_time, "0 0 */6 * * *", wait: finish.Task);
        var scheduler = new TimerScheduler(function.Binding, _leases, _time, NullLogger<TimerScheduler>.Instance, "me");

        var run = scheduler.TryRunOccurrenceAsync(Start, Start.AddHours(6), CancellationToken.None);
        await Eventually.TrueAsync(() => _time.NextDue is not null, "renewal scheduled");
        _time.Advance(TimerScheduler.LeaseDuration / 3);
        await Eventually.TrueAsync(() => _leases.ReceivedCalls().Any(c => c.GetMethodInfo().Name == nameof(ILeaseStore.RenewAsync)), "lease renewed");

        finish.SetResult();
        Assert.True(await run);
    }

    [Fact]
    public async Task A_failing_run_still_gives_up_the_lease()
    {
        var function = new RecordingTimer(_time, "0 0 */6 * * *", onRun: () =>
        {
            _time.Advance(TimeSpan.FromMinutes(2));
            throw new InvalidOperationException("boom");
        });
        var scheduler = new TimerScheduler(function.Binding, _leases, _time, NullLogger<TimerScheduler>.Instance, "me");

        Assert.True(await scheduler.TryRunOccurrenceAsync(Start, Start.AddHours(6), CancellationToken.None));
        await _leases.Received(1).ReleaseAsync(Arg.Any<Lease>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Invalid_schedule_is_rejected_when_the_scheduler_is_made()
    {
        var error = Assert.Throws<ArgumentException>(() => new TimerScheduler(new RecordingTimer(_time, "0 0 */6 * *").Binding, _leases, _time, NullLogger<TimerScheduler>.Instance, "me"));
        Assert.Contains("6-field NCRONTAB", error.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingTimer(TimeProvider time, string schedule, Action? onRun = null, Task? wait = null)
    {
        private readonly List<DateTimeOffset> _runs = [];

        /// <summary>When each run started, by the scheduler's clock.</summary>
        public IReadOnlyList<DateTimeOffset> Runs
        {
            get
            {
                lock (_runs)
                {
                    return [.. _runs];
                }
            }
        }

        public TimerBinding Binding => new("test-timer", schedule, RunAsync);

        private async Task RunAsync(CancellationToken cancellationToken)
        {
            lock (_runs)
            {
                _runs.Add(time.GetUtcNow());
            }

            onRun?.Invoke();
            if (wait is not null)
            {
                await wait.WaitAsync(cancellationToken);
            }
        }
    }
}
