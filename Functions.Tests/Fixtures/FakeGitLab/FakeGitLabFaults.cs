namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>Fault injection: failing statuses, slow responses, full outage.</summary>
public sealed class FakeGitLabFaults
{
    private readonly Lock _lock = new();
    private readonly List<Rule> _failures = [];
    private readonly List<Rule> _latencies = [];

    /// <summary>Every request answers 503 while set.</summary>
    public bool Outage { get; set; }

    /// <summary>The next <paramref name="count"/> requests (whose "METHOD path" contains <paramref name="pathContains"/>) answer <paramref name="status"/>.</summary>
    public void FailNext(int count, int status = 500, string? pathContains = null)
    {
        lock (_lock)
        {
            _failures.Add(new Rule(count, pathContains, status, TimeSpan.Zero));
        }
    }

    /// <summary>The next <paramref name="count"/> matching requests wait <paramref name="latency"/> before being handled.</summary>
    public void DelayNext(int count, TimeSpan latency, string? pathContains = null)
    {
        lock (_lock)
        {
            _latencies.Add(new Rule(count, pathContains, 0, latency));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _failures.Clear();
            _latencies.Clear();
            Outage = false;
        }
    }

    internal int? TakeFailure(string path) => Take(_failures, path)?.Status;

    internal TimeSpan TakeLatency(string path) => Take(_latencies, path)?.Latency ?? TimeSpan.Zero;

    private Rule? Take(List<Rule> rules, string path)
    {
        lock (_lock)
        {
            var rule = rules.FirstOrDefault(r => r.Remaining > 0 && (r.PathContains is null || path.Contains(r.PathContains, StringComparison.Ordinal)));
            if (rule is not null)
            {
                rule.Remaining--;
            }

            return rule;
        }
    }

    private sealed class Rule(int remaining, string? pathContains, int status, TimeSpan latency)
    {
        public int Remaining { get; set; } = remaining;

        public string? PathContains { get; } = pathContains;

        public int Status { get; } = status;

        public TimeSpan Latency { get; } = latency;
    }
}
