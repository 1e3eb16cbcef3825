namespace GitLabConnector.GitLab;

/// <summary>A GitLab host resolved, at connect time, to an address <see cref="GitLabAddressPolicy"/> refuses; nothing was sent. Not transient.</summary>
public sealed class GitLabAddressRefusedException : GitLabApiException
{
    public GitLabAddressRefusedException()
    {
    }

    public GitLabAddressRefusedException(string message)
        : base(0, message)
    {
    }

    public GitLabAddressRefusedException(string message, Exception innerException)
        : base(0, message, innerException)
    {
    }

    public override bool IsTransient => false;
}
