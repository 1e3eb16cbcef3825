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
    private readonly Queue<int> _nextFailures = new();
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

    public void FailNext(int count, int status)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _nextFailures.Enqueue(status);
            }
        }
    }

    public bool TryTakeFailure(out int status)
    {
        lock (_lock)
        {
            return _nextFailures.TryDequeue(out status);
        }
    }
}
