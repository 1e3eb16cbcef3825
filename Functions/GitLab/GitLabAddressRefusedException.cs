namespace GitLabConnector.GitLab;

/// <summary>A GitLab host resolved, at connect time, to an address <see cref="GitLabAddressPolicy"/> refuses; nothing was sent. Not transient.</summary>
public sealed class GitLabAddressRefusedException(string message) : GitLabApiException(0, message)
{
    public override bool IsTransient => false;
}
