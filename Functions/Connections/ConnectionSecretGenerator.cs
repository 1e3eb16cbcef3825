using System.Buffers.Text;
using System.Security.Cryptography;

namespace GitLabConnector.Connections;

/// <summary>Random connection ids, webhook secrets and Standard Webhooks signing tokens.</summary>
public static class ConnectionSecretGenerator
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>12 characters of <c>[a-z0-9]</c> (62 bits): short, URL-safe and a valid secret-name part.</summary>
    public static string NewConnectionId() => RandomNumberGenerator.GetString(IdAlphabet, 12);

    /// <summary>32 random bytes, base64url: what GitLab sends back in <c>X-Gitlab-Token</c>.</summary>
    public static string NewWebhookSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary><c>whsec_</c> + base64 of a 32-byte HMAC key, the format GitLab 19 accepts as <c>signing_token</c>.</summary>
    public static string NewSigningToken() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
