namespace GitLabConnector.Admin;

/// <summary>Parses <c>gitlabUserId,email</c> lines; a map with any bad line (each reported by number) is not used at all.</summary>
public static class UserMapCsv
{
    public const int MaxRows = 100_000;

    public static UserMapParse Parse(string text)
    {
        var emails = new Dictionary<long, string>();
        var firstLine = new Dictionary<long, int>();
        var errors = new List<string>();
        var lines = text.Split('\n');
        var sawData = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = (i == 0 ? lines[i].TrimStart('\uFEFF') : lines[i]).Trim();
            var fields = line.Split(',').Select(Unquote).ToArray();
            var isNumber = long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var userId);
            var isHeader = !sawData && fields.Length == 2 && !isNumber && !fields[1].Contains('@', StringComparison.Ordinal);
            sawData |= line.Length > 0;
            if (line.Length == 0 || isHeader)
            {
                continue;
            }

            var error = fields.Length != 2 ? $"expected 2 fields (gitlabUserId,email), found {fields.Length}"
                : !isNumber || userId <= 0 ? "gitlabUserId must be a positive number"
                : !IsEmail(fields[1]) ? $"'{AdminProblems.Shorten(fields[1])}' is not an email address"
                : firstLine.TryGetValue(userId, out var earlier) ? $"gitlabUserId {userId} already mapped on line {earlier}"
                : null;
            if (error is not null)
            {
                errors.Add($"line {i + 1}: {error}");
                continue;
            }

            if (emails.Count >= MaxRows)
            {
                errors.Add($"line {i + 1}: more than {MaxRows} rows");
                break;
            }

            firstLine[userId] = i + 1;
            emails[userId] = fields[1];
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
}

public sealed record UserMapParse(IReadOnlyDictionary<long, string> Emails, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
