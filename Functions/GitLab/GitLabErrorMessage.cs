namespace GitLabConnector.GitLab;

/// <summary>Builds exception messages from GitLab error bodies (<c>message</c>/<c>error</c>) without ever including the token.</summary>
internal static class GitLabErrorMessage
{
    private const int MaxDetailLength = 300;

    public static string For(HttpMethod method, Uri uri, int status, byte[] body, string token)
    {
        var text = new StringBuilder()
            .Append("GitLab ").Append(method.Method).Append(' ').Append(uri.AbsolutePath)
            .Append(" answered ").Append(status);
        var detail = Detail(body);
        if (!string.IsNullOrWhiteSpace(detail))
        {
            text.Append(": ").Append(detail.Length > MaxDetailLength ? detail[..MaxDetailLength] + "…" : detail);
        }

        return Scrub(text.ToString(), token);
    }

    public static string Scrub(string message, string token) =>
        string.IsNullOrEmpty(token) ? message : message.Replace(token, "[redacted]", StringComparison.Ordinal);

    private static string? Detail(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["message", "error_description", "error"])
                {
                    if (document.RootElement.TryGetProperty(name, out var value))
                    {
                        return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
                    }
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
