using System.Text.RegularExpressions;

namespace GitLabConnector.Telemetry;

/// <summary>What counts as a credential in telemetry, and its redaction; a token must never reach a telemetry sink.</summary>
public static partial class TelemetryRedaction
{
    public const string Redacted = "REDACTED";

    /// <summary>Query parameters whose values are credentials in GitLab, Azure Storage (SAS) or OAuth URLs.</summary>
    private static readonly string[] SensitiveParameters =
        ["token", "private_token", "access_token", "job_token", "sig", "signature", "code", "secret", "password", "key", "client_secret"];

    /// <summary>The text with the values of credential-like <c>name=value</c> pairs (query strings, headers in messages) replaced.</summary>
    public static string? Text(string? text) =>
        string.IsNullOrEmpty(text) || !text.Contains('=', StringComparison.Ordinal)
            ? text
            : NameValuePair().Replace(text, m => IsSensitive(Uri.UnescapeDataString(m.Groups["name"].Value)) ? m.Groups["name"].Value + "=" + Redacted : m.Value);

    /// <summary>True for header, tag or property names that carry credentials (<c>X-Gitlab-Token</c>, <c>webhook-signature</c>; not <c>TokenId</c>).</summary>
    public static bool IsSensitiveName(string name) =>
        name.EndsWith("token", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("signature", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("secret", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("authorization", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("password", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("cookie", StringComparison.OrdinalIgnoreCase);

    /// <summary>A tag or attribute value as it may be exported: redacted under a credential name, credential pairs removed from text.</summary>
    public static object? Value(string name, object? value) =>
        IsSensitiveName(name) ? Redacted : value is string text ? Text(text) : value;

    private static bool IsSensitive(string parameter) =>
        SensitiveParameters.Any(p => p.Equals(parameter, StringComparison.OrdinalIgnoreCase)) || IsSensitiveName(parameter);

    [GeneratedRegex(@"(?<name>[A-Za-z0-9_.%-]+)=(?<value>[^&#\s;,""']*)")]
    private static partial Regex NameValuePair();
}
