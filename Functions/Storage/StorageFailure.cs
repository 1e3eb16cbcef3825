namespace GitLabConnector.Storage;

/// <summary>How callers classify a storage <see cref="RequestFailedException"/>.</summary>
public static class StorageFailure
{
    /// <summary>True when storage was unreachable (status 0) or answered 5xx/408/429 — the caller should answer 503.</summary>
    public static bool IsUnavailable(this RequestFailedException exception) => exception.Status is 0 or 408 or 429 or >= 500;
}
