using System.Security.Cryptography;

namespace GitLabConnector.Connections;

/// <summary>1-64 characters of <c>[a-z0-9-]</c>, so every name derived from one stays within Key Vault's alphabet and 127-character limit.</summary>
public static class ConnectionId
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>62 bits: short, URL-safe and a valid secret-name part.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 12);

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
