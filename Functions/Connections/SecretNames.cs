namespace GitLabConnector.Connections;

/// <summary>Key Vault-safe secret names per connection (ids follow <see cref="ConnectionId"/>).</summary>
public static class SecretNames
{
    public static string Token(string connectionId) => $"gitlab-{Validate(connectionId)}-token";

    public static string WebhookSecret(string connectionId) => $"gitlab-{Validate(connectionId)}-webhook-secret";

    public static string SigningSecret(string connectionId) => $"gitlab-{Validate(connectionId)}-signing-secret";

    private static string Validate(string connectionId) => ConnectionId.IsValid(connectionId)
        ? connectionId
        : throw new ArgumentException("Connection id must be 1-64 characters of a-z, 0-9 and '-'.", nameof(connectionId));
}
