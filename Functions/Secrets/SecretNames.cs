using System.Text.RegularExpressions;

namespace GitLabConnector.Secrets;

/// <summary>Key Vault-safe secret names per connection.</summary>
public static partial class SecretNames
{
    public static string Token(string connectionId) => $"gitlab-{Validate(connectionId)}-token";

    public static string WebhookSecret(string connectionId) => $"gitlab-{Validate(connectionId)}-webhook-secret";

    public static string SigningSecret(string connectionId) => $"gitlab-{Validate(connectionId)}-signing-secret";

    private static string Validate(string connectionId)
    {
        if (connectionId is null || !IdPattern().IsMatch(connectionId))
        {
            throw new ArgumentException("connection id must be 1-64 characters of a-z, 0-9 and '-'", nameof(connectionId));
        }

        return connectionId;
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
