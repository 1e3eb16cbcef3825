namespace GitLabConnector.Tests.Fixtures;

/// <summary>A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/>.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>The earliest time a pending timer fires, or null when none is pending.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _timers.Where(t => t.Due is not null).Select(t => t.Due).Min();
            }
        }
    }

    /// <summary>True when some pending timer fires exactly at <paramref name="due"/>.</summary>
    public bool HasTimerDueAt(DateTimeOffset due)
    {
        lock (_gate)
        {
            return _timers.Any(t => t.Due == due);
        }
    }

    public void Advance(TimeSpan by) => SetUtcNow(GetUtcNow() + by);

    public void SetUtcNow(DateTimeOffset now)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now = now;
            due = _timers.Where(t => t.Due <= now).ToList();
        }

        foreach (var timer in due)
        {
            timer.Fire(now);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                _period = period;
            }

            if (dueTime == TimeSpan.Zero)
            {
                Fire(owner.GetUtcNow());
            }

            return true;
        }

        public void Fire(DateTimeOffset now)
        {
            lock (owner._gate)
            {
                if (Due is null || Due > now)
                {
                    return;
                }

                Due = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? now + _period : null;
            }

            callback(state);
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
