namespace GitLabConnector.GitLab;

/// <summary>GitLab's TLS certificate was not verified (or the handshake failed): nothing was sent. Not transient — a retry meets the same certificate.</summary>
public sealed class GitLabUntrustedCertificateException(string message) : GitLabApiException(0, message)
{
    public override bool IsTransient => false;
}
