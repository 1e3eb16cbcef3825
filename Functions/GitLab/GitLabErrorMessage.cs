namespace GitLabConnector.GitLab;

/// <summary>Builds exception messages from GitLab error bodies (<c>message</c>/<c>error</c>) without ever including the token.</summary>
internal static class GitLabErrorMessage
{
    private const int MaxDetailLength = 300;

    public static string For(HttpMethod method, Uri uri, int status, byte[] body, string token)
    {
        var text = $"GitLab {method.Method} {uri.AbsolutePath} answered {status}";
        if (Detail(body) is { } detail && !string.IsNullOrWhiteSpace(detail))
        {
            text += ": " + (detail.Length > MaxDetailLength ? detail[..MaxDetailLength] + "…" : detail);
        }

        return string.IsNullOrEmpty(token) ? text : text.Replace(token, "[redacted]", StringComparison.Ordinal);
    }

    private static string? Detail(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var name in (string[])["message", "error_description", "error"])
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value))
                {
                    return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (or empty): the status alone is the message.
        }

        return null;
    }
}
