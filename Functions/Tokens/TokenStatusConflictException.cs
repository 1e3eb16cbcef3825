namespace GitLabConnector.Tokens;

public sealed class TokenStatusConflictException(string message, Exception? innerException = null) : Exception(message, innerException);
