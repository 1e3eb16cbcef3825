namespace GitLabConnector.GitLab;

/// <summary>
/// Builds REST URIs under <c>{BaseUrl}/api/v4/</c>, keeping any sub-path of the instance
/// (<c>https://host/gitlab</c> → <c>https://host/gitlab/api/v4/...</c>).
/// </summary>
public static class GitLabApiUri
{
    public static Uri ApiRoot(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(root + "/api/v4/", UriKind.Absolute);
    }

    /// <param name="baseUrl">The instance root.</param>
    /// <param name="relative">A path relative to <c>/api/v4/</c> without a leading slash, optionally with a query.</param>
    public static Uri For(Uri baseUrl, string relative)
    {
        ArgumentException.ThrowIfNullOrEmpty(relative);
        return new Uri(ApiRoot(baseUrl), relative.TrimStart('/'));
    }

    /// <summary>True when <paramref name="candidate"/> points at the same scheme, host and port as <paramref name="origin"/>.</summary>
    public static bool IsSameOrigin(Uri origin, Uri candidate)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(candidate);
        return candidate.IsAbsoluteUri
            && string.Equals(origin.Scheme, candidate.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(origin.Host, candidate.Host, StringComparison.OrdinalIgnoreCase)
            && origin.Port == candidate.Port;
    }
}
