using System.Text.RegularExpressions;

namespace GitLabConnector.Secrets;

/// <summary>
/// Key Vault-safe secret names per connection. Ids are restricted to <c>[a-z0-9-]{1,64}</c> so every
/// derived name stays within Key Vault's alphabet and 127-character limit.
/// </summary>
public static partial class SecretNames
{
    public static string Token(string connectionId) => $"gitlab-{Validate(connectionId)}-token";

    public static string WebhookSecret(string connectionId) => $"gitlab-{Validate(connectionId)}-webhook-secret";

    public static string SigningSecret(string connectionId) => $"gitlab-{Validate(connectionId)}-signing-secret";

    public static bool IsValidConnectionId(string? connectionId) => connectionId is not null && ConnectionIdPattern().IsMatch(connectionId);

    private static string Validate(string connectionId)
    {
        if (!IsValidConnectionId(connectionId))
        {
            throw new ArgumentException("Connection id must be 1-64 characters of a-z, 0-9 and '-'.", nameof(connectionId));
        }

        return connectionId;
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionIdPattern();
}
