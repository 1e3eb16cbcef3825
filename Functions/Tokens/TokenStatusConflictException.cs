namespace GitLabConnector.Tokens;

/// <summary>The token status changed since it was read (another instance or the hook path wrote it first).</summary>
public sealed class TokenStatusConflictException : Exception
{
    public TokenStatusConflictException()
    {
    }

    public TokenStatusConflictException(string message)
        : base(message)
    {
    }

    public TokenStatusConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
