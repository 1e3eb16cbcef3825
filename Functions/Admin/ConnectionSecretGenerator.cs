using System.Buffers.Text;
using System.Security.Cryptography;

namespace GitLabConnector.Admin;

/// <summary>Random webhook secrets and Standard Webhooks signing tokens.</summary>
public static class ConnectionSecretGenerator
{
    /// <summary>32 random bytes, base64url: what GitLab sends back in <c>X-Gitlab-Token</c>.</summary>
    public static string NewWebhookSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary><c>whsec_</c> + base64 of a 32-byte HMAC key, the format GitLab 19 accepts as <c>signing_token</c>.</summary>
    public static string NewSigningToken() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
