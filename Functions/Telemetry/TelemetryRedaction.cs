using System.Text;

namespace GitLabConnector.Telemetry;

/// <summary>Removes credentials from what telemetry records about URLs; a token must never reach a telemetry sink.</summary>
public static class TelemetryRedaction
{
    public const string Redacted = "REDACTED";

    /// <summary>Query parameters whose values are credentials in GitLab, Azure Storage (SAS) or OAuth URLs.</summary>
    private static readonly string[] SensitiveParameters =
        ["token", "private_token", "access_token", "job_token", "sig", "signature", "code", "secret", "password", "key", "client_secret"];

    /// <summary>The URL with values of credential-like query parameters replaced; null stays null.</summary>
    public static string? Url(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url;
        }

        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return url;
        }

        var fragmentStart = url.IndexOf('#', queryStart);
        var query = fragmentStart < 0 ? url[(queryStart + 1)..] : url[(queryStart + 1)..fragmentStart];
        var result = new StringBuilder(url.Length).Append(url, 0, queryStart + 1);
        var first = true;
        foreach (var pair in query.Split('&'))
        {
            if (!first)
            {
                result.Append('&');
            }

            first = false;
            var name = pair.Split('=', 2)[0];
            result.Append(IsSensitive(Uri.UnescapeDataString(name)) ? $"{name}={Redacted}" : pair);
        }

        return result.ToString();
    }

    public static Uri? Url(Uri? url) => url is null ? null : new Uri(Url(url.OriginalString)!, UriKind.RelativeOrAbsolute);

    /// <summary>True for header, tag or property names that carry credentials (<c>X-Gitlab-Token</c>, <c>webhook-signature</c>; not <c>TokenId</c>).</summary>
    public static bool IsSensitiveName(string name) =>
        name.EndsWith("token", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("signature", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("secret", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("authorization", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("password", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("cookie", StringComparison.OrdinalIgnoreCase);

    private static bool IsSensitive(string parameter) =>
        SensitiveParameters.Any(p => p.Equals(parameter, StringComparison.OrdinalIgnoreCase)) || IsSensitiveName(parameter);
}
