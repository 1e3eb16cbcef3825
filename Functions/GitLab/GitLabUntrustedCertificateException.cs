namespace GitLabConnector.GitLab;

/// <summary>GitLab's TLS certificate was not verified (or the handshake failed): nothing was sent. Not transient — a retry meets the same certificate.</summary>
public sealed class GitLabUntrustedCertificateException : GitLabApiException
{
    public GitLabUntrustedCertificateException()
    {
    }

    public GitLabUntrustedCertificateException(string message)
        : base(0, message)
    {
    }

    public GitLabUntrustedCertificateException(string message, Exception innerException)
        : base(0, message, innerException)
    {
    }

    public override bool IsTransient => false;
}
