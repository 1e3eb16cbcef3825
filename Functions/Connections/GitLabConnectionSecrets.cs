using GitLabConnector.GitLab;
using GitLabConnector.Secrets;

namespace GitLabConnector.Connections;

/// <summary>The one place a stored connection becomes a <see cref="GitLabConnection"/>: its URL, the token the caller holds, and its private CA.</summary>
public static class GitLabConnectionSecrets
{
    /// <summary>The connection's CA is read by its pinned version: cached for good, and no secret-store call for a connection without one.</summary>
    public static async Task<GitLabConnection> GitLabConnectionAsync(this ISecretStore secrets, ConnectionRecord connection, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(connection);
        var ca = connection.CaCertificateVersion is { } version
            ? (await secrets.GetAsync(SecretNames.CaCertificate(connection.Id), version, cancellationToken).ConfigureAwait(false))?.Value
            : null;
        return new GitLabConnection(connection.Id, connection.GitLabUrl, token, ca);
    }
}
