namespace GitLabConnector.GitLab;

/// <summary>GitLab answered with a body over <see cref="GitLabApiOptions.MaxResponseBytes"/>; it was not read. Not transient.</summary>
public sealed class GitLabResponseTooLargeException(int status, string message) : GitLabApiException(status, message);
