namespace GitLabConnector.Webhooks;

/// <summary>One request's share of the <see cref="UnverifiedBodyBudget"/>, following its buffer as it grows; disposing returns it all.</summary>
public sealed class UnverifiedBytes(UnverifiedBodyBudget budget) : IDisposable
{
    private long _reserved;

    /// <returns>false when the instance has no budget left for <paramref name="bytes"/> more.</returns>
    public bool TryReserve(long bytes)
    {
        if (!budget.TryReserve(bytes))
        {
            return false;
        }

        _reserved += bytes;
        return true;
    }

    /// <summary>Gives back the bytes of a buffer this request no longer holds.</summary>
    public void Release(long bytes)
    {
        var released = Math.Min(bytes, _reserved);
        _reserved -= released;
        budget.Release(released);
    }

    public void Dispose() => Release(_reserved);
}
