namespace GitLabConnector.GitLab;

/// <summary>
/// A transient 429 raised by the client itself: the connection's request budget would make the call wait longer than
/// allowed. Not retried in-process (that would only wait again); the caller retries later.
/// </summary>
public sealed class GitLabBudgetExhaustedException : GitLabApiException
{
    public GitLabBudgetExhaustedException()
        : base(429, "GitLab request budget exhausted")
    {
    }

    public GitLabBudgetExhaustedException(string message)
        : base(429, message)
    {
    }

    public GitLabBudgetExhaustedException(string message, Exception innerException)
        : base(429, message, innerException)
    {
    }
}
