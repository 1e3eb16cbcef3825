using GitLabConnector.GitLab;
using GitLabConnector.Secrets;

namespace GitLabConnector.Connections;

/// <summary>The one place a stored connection becomes a <see cref="GitLabConnection"/>.</summary>
public static class GitLabConnectionSecrets
{
    /// <summary>The connection's CA is read by its pinned version: cached for good, and no secret-store call for a connection without one.</summary>
    public static async Task<GitLabConnection> GitLabConnectionAsync(this ISecretStore secrets, ConnectionRecord connection, string token, CancellationToken cancellationToken)
    {
        string? ca = null;
        if (connection.CaCertificateVersion is { } version)
        {
            // Never silently back to the public roots.
            ca = (await secrets.GetAsync(SecretNames.CaCertificate(connection.Id), version, cancellationToken).ConfigureAwait(false))?.Value
                ?? throw new GitLabUntrustedCertificateException($"The connection's caCertificate (version {version}) cannot be read from the secret store; set it again with PUT /api/connections/{connection.Id}/ca-certificate.");
        }

        return new GitLabConnection(connection.Id, connection.GitLabUrl, token, ca);
    }
}
