using GitLabConnector.Configuration;
using GitLabConnector.Storage;
using NCrontab;

namespace GitLabConnector.Hosting.Standalone;

/// <summary>
/// Standalone mode's timer trigger: fires a <see cref="TimerBinding"/> at each occurrence of its NCRONTAB schedule
/// (UTC), under the lease <c>timer-&lt;function&gt;</c> so that of several instances only one runs each occurrence.
/// </summary>
public sealed class TimerScheduler(TimerBinding function, ILeaseStore leases, TimeProvider time, ILogger<TimerScheduler> logger, string owner)
{
    /// <summary>How long a lease lives without renewal; renewed while the function runs.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan MaxOccurrenceHold = TimeSpan.FromSeconds(30);

    private readonly CrontabSchedule _schedule = TimerSchedule.TryParse(function.Schedule)
        ?? throw new ArgumentException($"'{function.Schedule}' is not a 6-field NCRONTAB schedule", nameof(function));

    public string LeaseName { get; } = $"timer-{function.FunctionName}";

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var occurrence = TimerSchedule.Next(_schedule, time.GetUtcNow());
        HostingLog.TimerScheduled(logger, function.FunctionName, function.Schedule, occurrence);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = occurrence - time.GetUtcNow();
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var next = TimerSchedule.Next(_schedule, occurrence);
            await TryRunOccurrenceAsync(occurrence, next, stoppingToken);

            // After a long pause (or a long run) skip the missed occurrences instead of firing them in a burst.
            var now = time.GetUtcNow();
            occurrence = next > now ? next : TimerSchedule.Next(_schedule, now);
        }
    }

    /// <summary>Runs one occurrence if this instance gets the lease; true when the function ran.</summary>
    public async Task<bool> TryRunOccurrenceAsync(DateTimeOffset occurrence, DateTimeOffset next, CancellationToken stoppingToken)
    {
        Lease? lease;
        try
        {
            lease = await leases.TryAcquireAsync(LeaseName, owner, LeaseDuration, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            HostingLog.LeaseStoreFailed(logger, ex, function.FunctionName);
            return false;
        }

        if (lease is null)
        {
            HostingLog.LeaseNotAcquired(logger, function.FunctionName, LeaseName, occurrence);
            return false;
        }

        var renewal = new LeaseRenewal(
            leases,
            lease,
            LeaseDuration,
            time,
            () => HostingLog.LeaseLost(logger, function.FunctionName, LeaseName),
            e => HostingLog.LeaseStoreFailed(logger, e, function.FunctionName),
            stoppingToken);
        try
        {
            await function.RunAsync(renewal.Token);
            HostingLog.TimerRan(logger, function.FunctionName, occurrence);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            HostingLog.TimerFailed(logger, ex, function.FunctionName, occurrence);
        }
        finally
        {
            await renewal.DisposeAsync();
            if (!renewal.Lost)
            {
                await FinishLeaseAsync(lease, occurrence, next);
            }
        }

        return true;
    }

    /// <summary>
    /// A run that ended quickly keeps the lease a little past its occurrence, so an instance whose clock or poll
    /// is slightly behind cannot take it and run the same occurrence again; otherwise the lease is released.
    /// </summary>
    private async Task FinishLeaseAsync(Lease lease, DateTimeOffset occurrence, DateTimeOffset next)
    {
        var halfInterval = (next - occurrence) / 2;
        var holdUntil = occurrence + (halfInterval < MaxOccurrenceHold ? halfInterval : MaxOccurrenceHold);
        var remaining = holdUntil - time.GetUtcNow();
        try
        {
            if (remaining > TimeSpan.Zero)
            {
                await leases.RenewAsync(lease, remaining, CancellationToken.None);
            }
            else
            {
                await leases.ReleaseAsync(lease, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            HostingLog.LeaseStoreFailed(logger, ex, function.FunctionName);
        }
    }
}
