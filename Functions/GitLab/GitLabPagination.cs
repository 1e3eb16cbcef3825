using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace GitLabConnector.GitLab;

/// <summary>
/// GitLab pagination: the next page comes from <c>Link: &lt;...&gt;; rel="next"</c> (same origin only) or else
/// <c>x-next-page</c> — never from <c>x-total-pages</c>, which GitLab omits for large results.
/// </summary>
internal static partial class GitLabPagination
{
    private const int PerPage = 100;

    /// <summary>Sets <c>per_page=100</c> unless the caller asked for a smaller page.</summary>
    public static Uri FirstPage(Uri uri) => uri.Query.Contains("per_page=", StringComparison.Ordinal) ? uri : SetQuery(uri, "per_page", PerPage.ToString(CultureInfo.InvariantCulture));

    public static Uri Page(Uri uri, int page) => SetQuery(uri, "page", page.ToString(CultureInfo.InvariantCulture));

    /// <summary>The <c>page</c> a next-page URI asks for; null for none (or a keyset cursor, which offset lists never send).</summary>
    public static int? PageNumber(Uri? next) =>
        next is not null && int.TryParse(System.Web.HttpUtility.ParseQueryString(next.Query)["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : null;

    public static Uri? NextPage(Uri current, HttpResponseHeaders headers)
    {
        if (headers.TryGetValues("Link", out var links))
        {
            foreach (var match in links.SelectMany(l => LinkPart().Matches(l)))
            {
                if (string.Equals(match.Groups["rel"].Value, "next", StringComparison.OrdinalIgnoreCase)
                    && Uri.TryCreate(match.Groups["url"].Value, UriKind.Absolute, out var next)
                    && GitLabApiUri.IsSameOrigin(current, next))
                {
                    return next;
                }
            }
        }

        return headers.TryGetValues("x-next-page", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            && page > 0 ? Page(current, page) : null;
    }

    private static Uri SetQuery(Uri uri, string name, string value)
    {
        var parts = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal))
            .Append(name + "=" + value);
        return new UriBuilder(uri) { Query = string.Join('&', parts) }.Uri;
    }

    [GeneratedRegex("<(?<url>[^>]+)>\\s*;\\s*rel=\"?(?<rel>[a-z]+)\"?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LinkPart();
}
