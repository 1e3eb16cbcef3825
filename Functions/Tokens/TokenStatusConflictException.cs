namespace GitLabConnector.Tokens;

/// <summary>The token status changed since it was read (another instance or the hook path wrote it first).</summary>
public sealed class TokenStatusConflictException(string message, Exception? innerException = null) : Exception(message, innerException);
