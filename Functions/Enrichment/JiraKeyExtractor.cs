using System.Text.RegularExpressions;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Jira issue keys (<c>ABC-123</c>), distinct, in order of appearance; not glued to other letters or digits
/// (<c>feature/ABC-12-fix</c> yes, <c>xABC-12</c> no). Jira would accept <c>UTF-8</c> or <c>SHA-256</c>, but such standard
/// names turn up in commit messages far more often than a Jira project called UTF, so a short list of them is left out.
/// </summary>
public static partial class JiraKeyExtractor
{
    private static readonly HashSet<string> NotProjectKeys = new(StringComparer.Ordinal)
    {
        "AES", "CVE", "CWE", "ECMA", "GPL", "HTTP", "IEC", "ISO", "LGPL", "MD", "RFC", "RSA", "SHA", "SSL", "TLS", "UTF", "WCAG",
    };

    public static IReadOnlyList<string> Extract(IEnumerable<string?> texts) =>
        texts.OfType<string>()
            .SelectMany(text => KeyPattern().Matches(text))
            .Where(match => !NotProjectKeys.Contains(match.Groups["project"].Value))
            .Select(match => match.Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<project>[A-Z][A-Z0-9]+)-(?<number>[0-9]+)(?![A-Za-z0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeyPattern();
}
