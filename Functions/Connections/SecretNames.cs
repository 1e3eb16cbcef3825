namespace GitLabConnector.Connections;

public static class SecretNames
{
    public static string Token(string connectionId) => $"gitlab-{Validate(connectionId)}-token";

    public static string WebhookSecret(string connectionId) => $"gitlab-{Validate(connectionId)}-webhook-secret";

    public static string SigningSecret(string connectionId) => $"gitlab-{Validate(connectionId)}-signing-secret";

    /// <summary>The PEM of a self-managed GitLab's private CA: not secret, but the connection's own and never in the table.</summary>
    public static string CaCertificate(string connectionId) => $"gitlab-{Validate(connectionId)}-ca-certificate";

    private static string Validate(string connectionId) => ConnectionId.IsValid(connectionId)
        ? connectionId
        : throw new ArgumentException("Connection id must be 1-64 characters of a-z, 0-9 and '-'.", nameof(connectionId));
}
