using GitLabConnector.Configuration;
using GitLabConnector.Storage;
using NCrontab;

namespace GitLabConnector.Hosting.Standalone;

/// <summary>
/// Standalone mode's timer trigger: fires a <see cref="TimerBinding"/> at each occurrence of its NCRONTAB schedule
/// (UTC), under the lease <c>timer-&lt;function&gt;</c> so that of several instances only one runs each occurrence.
/// </summary>
public sealed class TimerScheduler
{
    /// <summary>How long a lease lives without renewal; renewed every third of it while the function runs.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan MaxOccurrenceHold = TimeSpan.FromSeconds(30);

    private readonly TimerBinding _function;
    private readonly ILeaseStore _leases;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _owner;
    private readonly CrontabSchedule _schedule;

    public TimerScheduler(TimerBinding function, ILeaseStore leases, TimeProvider time, ILogger<TimerScheduler> logger, string owner)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        _function = function;
        _leases = leases;
        _time = time;
        _logger = logger;
        _owner = owner;
        _schedule = TimerSchedule.TryParse(function.Schedule) ?? throw new ArgumentException($"'{function.Schedule}' is not a 6-field NCRONTAB schedule", nameof(function));
        LeaseName = LeaseNameFor(function.FunctionName);
    }

    public string LeaseName { get; }

    public static string LeaseNameFor(string functionName) => $"timer-{functionName}";

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var occurrence = TimerSchedule.Next(_schedule, _time.GetUtcNow());
        HostingLog.TimerScheduled(_logger, _function.FunctionName, _function.Schedule, occurrence);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = occurrence - _time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var next = TimerSchedule.Next(_schedule, occurrence);
            await TryRunOccurrenceAsync(occurrence, next, stoppingToken);

            // After a long pause (or a long run) skip the missed occurrences instead of firing them in a burst.
            var now = _time.GetUtcNow();
            occurrence = next > now ? next : TimerSchedule.Next(_schedule, now);
        }
    }

    /// <summary>Runs one occurrence if this instance gets the lease; true when the function ran.</summary>
    public async Task<bool> TryRunOccurrenceAsync(DateTimeOffset occurrence, DateTimeOffset next, CancellationToken stoppingToken)
    {
        Lease? lease;
        try
        {
            lease = await _leases.TryAcquireAsync(LeaseName, _owner, LeaseDuration, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            HostingLog.LeaseStoreFailed(_logger, ex, _function.FunctionName);
            return false;
        }

        if (lease is null)
        {
            HostingLog.LeaseNotAcquired(_logger, _function.FunctionName, LeaseName, occurrence);
            return false;
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var renewalStop = new CancellationTokenSource();
        var renewal = RenewLeaseAsync(lease, run, renewalStop.Token);
        try
        {
            await _function.RunAsync(run.Token);
            HostingLog.TimerRan(_logger, _function.FunctionName, occurrence);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            HostingLog.TimerFailed(_logger, ex, _function.FunctionName, occurrence);
        }
        finally
        {
            await renewalStop.CancelAsync();
            lease = await renewal;
            await FinishLeaseAsync(lease, occurrence, next);
        }

        return true;
    }

    /// <summary>Renews until stopped; cancels the run if the lease is lost. Returns the latest lease.</summary>
    private async Task<Lease?> RenewLeaseAsync(Lease lease, CancellationTokenSource run, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await Task.Delay(LeaseDuration / 3, _time, stop);
            }
            catch (OperationCanceledException)
            {
                return lease;
            }

            bool renewed;
            try
            {
                renewed = await _leases.RenewAsync(lease, LeaseDuration, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Unknown outcome; try again at the next tick while the lease may still be ours.
                HostingLog.LeaseStoreFailed(_logger, ex, _function.FunctionName);
                continue;
            }

            if (!renewed)
            {
                HostingLog.LeaseLost(_logger, _function.FunctionName, LeaseName);
                await run.CancelAsync();
                return null;
            }

            lease = lease with { ExpiresAt = _time.GetUtcNow() + LeaseDuration };
        }
    }

    /// <summary>
    /// A run that ended quickly keeps the lease a little past its occurrence, so an instance whose clock or poll
    /// is slightly behind cannot take it and run the same occurrence again; otherwise the lease is released.
    /// </summary>
    private async Task FinishLeaseAsync(Lease? lease, DateTimeOffset occurrence, DateTimeOffset next)
    {
        if (lease is null)
        {
            return;
        }

        var halfInterval = (next - occurrence) / 2;
        var holdUntil = occurrence + (halfInterval < MaxOccurrenceHold ? halfInterval : MaxOccurrenceHold);
        var remaining = holdUntil - _time.GetUtcNow();
        try
        {
            if (remaining > TimeSpan.Zero)
            {
                await _leases.RenewAsync(lease, remaining, CancellationToken.None);
            }
            else
            {
                await _leases.ReleaseAsync(lease, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            HostingLog.LeaseStoreFailed(_logger, ex, _function.FunctionName);
        }
    }
}
