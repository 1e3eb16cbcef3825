namespace GitLabConnector.GitLab;

/// <summary>GitLab answered with a body over <see cref="GitLabApiOptions.MaxResponseBytes"/>; it was not read. Not transient.</summary>
public sealed class GitLabResponseTooLargeException : GitLabApiException
{
    public GitLabResponseTooLargeException()
    {
    }

    public GitLabResponseTooLargeException(string message)
        : base(message)
    {
    }

    public GitLabResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GitLabResponseTooLargeException(int status, string message)
        : base(status, message)
    {
    }
}
