namespace GitLabConnector.Tests.Fixtures.FakeKeyVault;

/// <summary>How the fake vault behaves during a simulated outage.</summary>
public enum FakeKeyVaultOutage
{
    /// <summary>Every request gets 503 ServiceUnavailable.</summary>
    ServiceUnavailable,

    /// <summary>Every connection is aborted without a response (the SDK sees a network failure, status 0).</summary>
    ConnectionReset,
}

/// <summary>Failures a test asks the fake vault to produce: the next N authorised requests, or everything during an outage.</summary>
internal sealed class FakeKeyVaultFaults
{
    private readonly Lock _lock = new();
    private readonly List<(int Status, string? PathContains)> _nextFailures = [];
    private FakeKeyVaultOutage? _outage;

    public FakeKeyVaultOutage? Outage
    {
        get
        {
            lock (_lock)
            {
                return _outage;
            }
        }
        set
        {
            lock (_lock)
            {
                _outage = value;
            }
        }
    }

    /// <param name="pathContains">Only requests whose path contains this fail (others, e.g. a background warm-up, pass untouched).</param>
    public void FailNext(int count, int status, string? pathContains = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _nextFailures.Add((status, pathContains));
            }
        }
    }

    public bool TryTakeFailure(string path, out int status)
    {
        lock (_lock)
        {
            var index = _nextFailures.FindIndex(f => f.PathContains is null || path.Contains(f.PathContains, StringComparison.Ordinal));
            status = index < 0 ? 0 : _nextFailures[index].Status;
            if (index >= 0)
            {
                _nextFailures.RemoveAt(index);
            }

            return index >= 0;
        }
    }
}
