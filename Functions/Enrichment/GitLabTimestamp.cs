namespace GitLabConnector.Enrichment;

/// <summary>
/// GitLab payloads mix timestamp formats (<c>2013-12-03T17:23:34Z</c>, <c>2013-12-03 17:23:34 UTC</c>,
/// <c>2013-12-03T17:23:34.123+01:00</c>, <c>2021-04-28 21:50:00 +0200</c>); this reads all of them and writes one.
/// </summary>
public static class GitLabTimestamp
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF zzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF zzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase))
        {
            s = string.Concat(s.AsSpan(0, s.Length - 4), "Z");
        }

        // "+0200" (no colon) after a space is what the deployment hook sends; zzz wants "+02:00".
        if (s.Length > 5 && s[^5] is '+' or '-' && s[^6] == ' ' && int.TryParse(s.AsSpan(s.Length - 4), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            s = string.Concat(s.AsSpan(0, s.Length - 2), ":", s.AsSpan(s.Length - 2));
        }

        return DateTimeOffset.TryParseExact(s, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    public static DateTimeOffset? Parse(string? text) => TryParse(text, out var value) ? value : null;

    /// <summary>UTC, ISO 8601 with a <c>Z</c> suffix and only the fractional digits that are there.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
