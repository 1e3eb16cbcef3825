namespace GitLabConnector.Storage;

/// <summary>
/// The one exception type storage clients throw. <see cref="Status"/> is the HTTP status, or 0 when the
/// service could not be reached at all (connection refused, timeout).
/// </summary>
public sealed class StorageRequestFailedException : Exception
{
    public StorageRequestFailedException()
    {
    }

    public StorageRequestFailedException(string message)
        : base(message)
    {
    }

    public StorageRequestFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageRequestFailedException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public int Status { get; }

    public string? ErrorCode { get; }

    /// <summary>True when the storage service was unreachable or answered 5xx/408/429 — the caller should answer 503.</summary>
    public bool IsUnavailable => Status is 0 or 408 or 429 or >= 500;
}
