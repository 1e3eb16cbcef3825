namespace GitLabConnector.GitLab;

/// <summary>
/// A transient 429 raised by the client itself: the connection's request budget would make the call wait longer than
/// allowed. Not retried in-process (that would only wait again); the caller retries later.
/// </summary>
public sealed class GitLabBudgetExhaustedException(string message) : GitLabApiException(429, message);
