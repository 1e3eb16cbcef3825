using System.Text;
using System.Text.RegularExpressions;

namespace GitLabConnector.Tests.Infra;

/// <summary>
/// Just enough Bicep lexing for textual invariant tests (which run without the Bicep CLI): strings with
/// <c>${…}</c> interpolation and <c>'''</c> verbatim strings, comments, brace matching, and a few declaration forms.
/// </summary>
internal static partial class BicepText
{
    /// <summary>Replaces comments with spaces (newlines kept) so indexes and line numbers stay valid.</summary>
    public static string StripComments(string text)
    {
        var result = new StringBuilder(text);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                i = SkipString(text, i);
            }
            else if (StartsWith(text, i, "//"))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    result[i++] = ' ';
                }
            }
            else if (StartsWith(text, i, "/*"))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                for (; i < end; i++)
                {
                    if (text[i] != '\n')
                    {
                        result[i] = ' ';
                    }
                }
            }
            else
            {
                i++;
            }
        }

        return result.ToString();
    }

    /// <summary>The <c>//</c> comment of one line (outside strings), or empty.</summary>
    public static string LineComment(string line)
    {
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == '\'')
            {
                i = SkipString(line, i);
            }
            else if (StartsWith(line, i, "//"))
            {
                return line[(i + 2)..].Trim();
            }
            else
            {
                i++;
            }
        }

        return string.Empty;
    }

    /// <summary>1-based line number of a character index.</summary>
    public static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    /// <summary>The text of the first <c>{…}</c> object starting at or after <paramref name="start"/>, braces included.</summary>
    public static (int Start, string Body)? ObjectAt(string text, int start)
    {
        var open = text.IndexOf('{', start);
        if (open < 0)
        {
            return null;
        }

        var end = MatchingBraceEnd(text, open + 1);
        return end < 0 ? null : (open, text[open..end]);
    }

    /// <summary>Property names declared directly in an object (not in nested objects or arrays).</summary>
    public static IReadOnlyList<string> TopLevelKeys(string objectBody)
    {
        var keys = new List<string>();
        var depth = 0;
        var lineStart = true;
        var i = 0;
        while (i < objectBody.Length)
        {
            var c = objectBody[i];
            if (lineStart && depth == 1)
            {
                var match = PropertyKey().Match(objectBody, i);
                if (match.Success && match.Index == i)
                {
                    keys.Add(match.Groups["key"].Value);
                }
            }

            lineStart = c == '\n';
            switch (c)
            {
                case '\'':
                    i = SkipString(objectBody, i);
                    continue;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    break;
            }

            i++;
        }

        return keys;
    }

    public static IReadOnlyList<BicepParameter> Parameters(string strippedText) =>
        ParameterDeclaration().Matches(strippedText)
            .Select(m => new BicepParameter(
                m.Groups["name"].Value,
                m.Groups["default"].Success ? m.Groups["default"].Value.Trim() : null,
                LineOf(strippedText, m.Index)))
            .ToList();

    public static IReadOnlyList<BicepModule> Modules(string strippedText) =>
        ModuleDeclaration().Matches(strippedText)
            .Select(m => new BicepModule(m.Groups["symbol"].Value, m.Groups["path"].Value, LineOf(strippedText, m.Index)))
            .ToList();

    /// <summary>Resource declarations (not <c>existing</c> references) whose type starts with <paramref name="type"/>.</summary>
    public static IReadOnlyList<BicepResource> Resources(string strippedText, string type)
    {
        var resources = new List<BicepResource>();
        foreach (Match m in ResourceDeclaration().Matches(strippedText))
        {
            if (!string.Equals(m.Groups["type"].Value, type, StringComparison.OrdinalIgnoreCase) || m.Groups["existing"].Success)
            {
                continue;
            }

            var body = ObjectAt(strippedText, m.Index + m.Length);
            resources.Add(new BicepResource(m.Groups["symbol"].Value, body?.Body ?? string.Empty, LineOf(strippedText, m.Index)));
        }

        return resources;
    }

    private static bool StartsWith(string text, int index, string value) =>
        string.CompareOrdinal(text, index, value, 0, value.Length) == 0;

    /// <summary>Index just after the string that starts at <paramref name="start"/> (a single quote).</summary>
    private static int SkipString(string text, int start)
    {
        if (StartsWith(text, start, "'''"))
        {
            var end = text.IndexOf("'''", start + 3, StringComparison.Ordinal);
            return end < 0 ? text.Length : end + 3;
        }

        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                i += 2;
            }
            else if (text[i] == '\'')
            {
                return i + 1;
            }
            else if (StartsWith(text, i, "${"))
            {
                i = SkipInterpolation(text, i + 2);
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    private static int SkipInterpolation(string text, int start)
    {
        var end = MatchingBraceEnd(text, start);
        return end < 0 ? text.Length : end;
    }

    /// <summary>Index just past the <c>}</c> closing a brace opened before <paramref name="start"/> (strings skipped); -1 when unclosed.</summary>
    private static int MatchingBraceEnd(string text, int start)
    {
        var depth = 1;
        var i = start;
        while (i < text.Length)
        {
            switch (text[i])
            {
                case '\'':
                    i = SkipString(text, i);
                    continue;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }

            i++;
        }

        return -1;
    }

    [GeneratedRegex(@"\G[ \t]*'?(?<key>[A-Za-z_$][\w$.-]*)'?[ \t]*:")]
    private static partial Regex PropertyKey();

    [GeneratedRegex(@"^[ \t]*param[ \t]+(?<name>\w+)[ \t]+\w+(?:[ \t]*=(?<default>[^\r\n]*))?", RegexOptions.Multiline)]
    private static partial Regex ParameterDeclaration();

    [GeneratedRegex(@"^[ \t]*module[ \t]+(?<symbol>\w+)[ \t]+'(?<path>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModuleDeclaration();

    [GeneratedRegex(@"^[ \t]*resource[ \t]+(?<symbol>\w+)[ \t]+'(?<type>[^'@]+)@[^']+'[ \t]*(?<existing>existing)?", RegexOptions.Multiline)]
    private static partial Regex ResourceDeclaration();
}

internal sealed record BicepParameter(string Name, string? DefaultValue, int Line);

internal sealed record BicepModule(string Symbol, string Path, int Line);

internal sealed record BicepResource(string Symbol, string Body, int Line);
