namespace GitLabConnector.Webhooks;

/// <summary>One request's share of the <see cref="UnverifiedBodyBudget"/>, following its buffer as it grows; disposing returns it all.</summary>
public sealed class UnverifiedBytes : IDisposable
{
    private readonly UnverifiedBodyBudget _budget;

    internal UnverifiedBytes(UnverifiedBodyBudget budget) => _budget = budget;

    /// <summary>Bytes this request holds.</summary>
    public long Reserved { get; private set; }

    /// <returns>false when the instance has no budget left for <paramref name="bytes"/> more.</returns>
    public bool TryReserve(long bytes)
    {
        if (!_budget.TryReserve(bytes))
        {
            return false;
        }

        Reserved += bytes;
        return true;
    }

    /// <summary>Gives back the bytes of a buffer this request no longer holds.</summary>
    public void Release(long bytes)
    {
        var released = Math.Min(bytes, Reserved);
        Reserved -= released;
        _budget.Release(released);
    }

    public void Dispose() => Release(Reserved);
}
