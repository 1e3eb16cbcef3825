using System.Globalization;

namespace GitLabConnector.Hosting;

/// <summary>
/// A 6-field NCRONTAB schedule, <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>, evaluated in UTC —
/// the format the Functions timer trigger reads, so both hosting modes fire at the same instants.
/// Each field takes <c>*</c>, values, lists <c>a,b</c>, ranges <c>a-b</c> and steps <c>*/n</c>, <c>a-b/n</c>, <c>a/n</c>;
/// months and days of week also take names (<c>JAN</c>, <c>MON</c>); Sunday is 0 (7 is accepted too).
/// Like NCRONTAB, a time must match both the day and the day-of-week field.
/// </summary>
public sealed class CronSchedule
{
    private static readonly Field[] Fields =
    [
        new("second", 0, 59, null),
        new("minute", 0, 59, null),
        new("hour", 0, 23, null),
        new("day", 1, 31, null),
        new("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
        new("day-of-week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
    ];

    // A satisfiable day/month/day-of-week combination recurs within 28 years (leap day on a given weekday).
    private const int SearchYears = 30;

    private readonly bool[][] _allowed;

    private CronSchedule(string expression, bool[][] allowed)
    {
        Expression = expression;
        _allowed = allowed;
    }

    public string Expression { get; }

    public override string ToString() => Expression;

    /// <summary>Parses an expression; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule! : throw new FormatException($"Cron expression '{expression}': {error}");

    public static bool TryParse(string? expression, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        error = null;
        var parts = (expression ?? string.Empty).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Fields.Length)
        {
            error = $"must have 6 fields ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}), e.g. 0 0 */6 * * *; found {parts.Length}";
            return false;
        }

        var allowed = new bool[Fields.Length][];
        for (var i = 0; i < Fields.Length; i++)
        {
            if (!TryParseField(parts[i], Fields[i], out allowed[i], out var fieldError))
            {
                error = $"{Fields[i].Name} field '{parts[i]}': {fieldError}";
                return false;
            }
        }

        // Sunday may be written 7; fold it onto 0.
        var dayOfWeek = allowed[5];
        dayOfWeek[0] |= dayOfWeek[7];
        dayOfWeek[7] = false;

        if (!CanEverOccur(allowed[3], allowed[4]))
        {
            error = "the day and month fields never match a real date (e.g. 30 February)";
            return false;
        }

        schedule = new CronSchedule(string.Join(' ', parts), allowed);
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public DateTimeOffset GetNextOccurrence(DateTimeOffset after)
    {
        var utc = after.UtcDateTime;
        var t = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, DateTimeKind.Utc).AddSeconds(1);
        var limit = t.Year + SearchYears;
        while (t.Year <= limit)
        {
            if (!_allowed[4][t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
            }
            else if (!_allowed[3][t.Day] || !_allowed[5][(int)t.DayOfWeek])
            {
                t = t.Date.AddDays(1);
            }
            else if (!_allowed[2][t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
            }
            else if (!_allowed[1][t.Minute])
            {
                t = t.Date.AddHours(t.Hour).AddMinutes(t.Minute + 1);
            }
            else if (!_allowed[0][t.Second])
            {
                t = t.AddSeconds(1);
            }
            else
            {
                return new DateTimeOffset(t);
            }
        }

        throw new InvalidOperationException($"Cron expression '{Expression}' has no occurrence within {SearchYears} years after {after:O}");
    }

    private static bool TryParseField(string text, Field field, out bool[] allowed, out string? error)
    {
        allowed = new bool[field.Max + 1];
        error = null;
        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
            {
                error = "empty list item";
                return false;
            }

            var rangeText = item;
            var step = 1;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                rangeText = item[..slash];
                if (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0)
                {
                    error = $"step in '{item}' must be a positive whole number";
                    return false;
                }
            }

            int from, to;
            if (rangeText == "*")
            {
                (from, to) = (field.Min, field.Max);
            }
            else
            {
                var dash = rangeText.IndexOf('-', StringComparison.Ordinal);
                if (dash >= 0)
                {
                    if (!TryParseValue(rangeText[..dash], field, out from, out error) || !TryParseValue(rangeText[(dash + 1)..], field, out to, out error))
                    {
                        return false;
                    }

                    if (from > to)
                    {
                        error = $"range '{rangeText}' starts after it ends";
                        return false;
                    }
                }
                else
                {
                    if (!TryParseValue(rangeText, field, out from, out error))
                    {
                        return false;
                    }

                    // NCRONTAB reads "a/n" as "from a to the end, every n".
                    to = slash >= 0 ? field.Max : from;
                }
            }

            for (var v = from; v <= to; v += step)
            {
                allowed[v] = true;
            }
        }

        return true;
    }

    private static bool TryParseValue(string text, Field field, out int value, out string? error)
    {
        error = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            if (value < field.Min || value > field.Max)
            {
                error = $"value {value} is outside {field.Min}-{field.Max}";
                return false;
            }

            return true;
        }

        if (field.Names is { } names)
        {
            var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = field.Min + index;
                return true;
            }
        }

        error = $"'{text}' is not a number{(field.Names is null ? string.Empty : " or name")} in {field.Min}-{field.Max}";
        return false;
    }

    private static bool CanEverOccur(bool[] days, bool[] months)
    {
        // Longest month length, with February counted as 29 (leap years).
        int[] longest = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        for (var m = 1; m <= 12; m++)
        {
            if (!months[m])
            {
                continue;
            }

            for (var d = 1; d <= longest[m]; d++)
            {
                if (days[d])
                {
                    return true;
                }
            }
        }

        return false;
    }

    private sealed record Field(string Name, int Min, int Max, string[]? Names);
}
