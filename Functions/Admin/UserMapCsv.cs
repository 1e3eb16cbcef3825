namespace GitLabConnector.Admin;

/// <summary>
/// Parses <c>gitlabUserId,email</c> lines (an optional header line, blank lines skipped, fields may be double-quoted).
/// Every bad line is reported with its 1-based line number; a map with any error is not used at all.
/// </summary>
public static class UserMapCsv
{
    public const int MaxRows = 100_000;

    public static UserMapParse Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var emails = new Dictionary<long, string>();
        var firstLine = new Dictionary<long, int>();
        var errors = new List<string>();
        var lines = text.Split('\n');
        var sawData = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].TrimEnd('\r').Trim();
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            var rawId = fields.Length > 0 ? Unquote(fields[0]) : string.Empty;
            if (!sawData && fields.Length == 2 && !long.TryParse(rawId, NumberStyles.None, CultureInfo.InvariantCulture, out _) && !Unquote(fields[1]).Contains('@', StringComparison.Ordinal))
            {
                sawData = true; // header line
                continue;
            }

            sawData = true;
            if (fields.Length != 2)
            {
                errors.Add($"line {lineNumber}: expected 2 fields (gitlabUserId,email), found {fields.Length}");
                continue;
            }

            if (!long.TryParse(rawId, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) || userId <= 0)
            {
                errors.Add($"line {lineNumber}: gitlabUserId must be a positive number");
                continue;
            }

            var email = Unquote(fields[1]);
            if (!IsEmail(email))
            {
                errors.Add($"line {lineNumber}: '{Shorten(email)}' is not an email address");
                continue;
            }

            if (firstLine.TryGetValue(userId, out var earlier))
            {
                errors.Add($"line {lineNumber}: gitlabUserId {userId} already mapped on line {earlier}");
                continue;
            }

            if (emails.Count >= MaxRows)
            {
                errors.Add($"line {lineNumber}: more than {MaxRows} rows");
                break;
            }

            firstLine[userId] = lineNumber;
            emails[userId] = email;
        }

        return new UserMapParse(emails, errors);
    }

    private static string Unquote(string field)
    {
        var f = field.Trim();
        return f.Length >= 2 && f[0] == '"' && f[^1] == '"' ? f[1..^1].Trim() : f;
    }

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return value.Length <= 254
            && at > 0
            && at == value.LastIndexOf('@')
            && at < value.Length - 1
            && value.IndexOf('.', at) > at + 1
            && !value.EndsWith('.')
            && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or ',' or ';');
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}

public sealed record UserMapParse(IReadOnlyDictionary<long, string> Emails, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
