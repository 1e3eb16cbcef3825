namespace GitLabConnector.GitLab;

/// <summary>A transient 429 the client raises itself: the budget would make the call wait too long. The caller retries later, not the client.</summary>
public sealed class GitLabBudgetExhaustedException(string message) : GitLabApiException(429, message);
