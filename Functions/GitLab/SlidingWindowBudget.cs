namespace GitLabConnector.GitLab;

/// <summary>
/// Allows at most <c>limit</c> requests in any sliding <c>window</c>. Callers wait (asynchronously, on the injected
/// <see cref="TimeProvider"/>) for a free slot; <see cref="PauseUntil"/> blocks all slots until a server-advertised time.
/// </summary>
public sealed class SlidingWindowBudget
{
    private readonly Queue<DateTimeOffset> _granted = new();
    private readonly Lock _lock = new();
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public SlidingWindowBudget(int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _limit = limit;
        _window = window;
        _time = time;
    }

    /// <summary>How long a caller would wait right now (zero when a slot is free).</summary>
    public TimeSpan CurrentWait
    {
        get
        {
            lock (_lock)
            {
                return WaitLocked(_time.GetUtcNow());
            }
        }
    }

    /// <summary>Takes a slot, waiting for one if needed. Throws <see cref="GitLabApiException"/> (429) instead of waiting longer than <paramref name="maxWait"/>.</summary>
    /// <returns>The time spent waiting.</returns>
    public async ValueTask<TimeSpan> AcquireAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                wait = WaitLocked(now);
                if (wait <= TimeSpan.Zero)
                {
                    _granted.Enqueue(now);
                    return now - started;
                }
            }

            if (wait > maxWait)
            {
                throw new GitLabApiException(429, $"GitLab request budget exhausted; the next request is allowed in {Math.Ceiling(wait.TotalSeconds)} s");
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>No request is granted before <paramref name="until"/> (GitLab answered 429).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    private TimeSpan WaitLocked(DateTimeOffset now)
    {
        while (_granted.Count > 0 && _granted.Peek() + _window <= now)
        {
            _granted.Dequeue();
        }

        var wait = _pausedUntil - now;
        if (_granted.Count >= _limit)
        {
            var slotFree = _granted.Peek() + _window - now;
            wait = slotFree > wait ? slotFree : wait;
        }

        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
