namespace GitLabConnector.GitLab;

/// <summary>REST URIs under <c>{BaseUrl}/api/v4/</c>, keeping any sub-path (<c>https://host/gitlab</c> → <c>https://host/gitlab/api/v4/...</c>).</summary>
public static class GitLabApiUri
{
    /// <param name="relative">A path relative to <c>/api/v4/</c>, optionally with a query.</param>
    public static Uri For(Uri baseUrl, string relative) =>
        new(new Uri(baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/api/v4/", UriKind.Absolute), relative.TrimStart('/'));

    public static bool IsSameOrigin(Uri origin, Uri candidate) =>
        candidate.IsAbsoluteUri && Uri.Compare(origin, candidate, UriComponents.Scheme | UriComponents.Host | UriComponents.StrongPort, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
}
