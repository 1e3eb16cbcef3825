using GitLabConnector.GitLab;
using System.Net;
using System.Net.Sockets;

namespace GitLabConnector.Admin;

/// <summary>Checks a GitLab URL before a token is sent to it: a clear answer at connect time (the GitLab client checks again on every connection).</summary>
public sealed class GitLabUrlValidator(IHostAddressResolver resolver, IOptions<GitLabApiOptions> options)
{
    public async Task<GitLabUrlCheck> ValidateAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return GitLabUrlCheck.Fail("must be an absolute URL such as https://gitlab.example.com");
        }

        var allowInsecure = options.Value.AllowInsecureGitLabUrls;
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowInsecure && uri.Scheme == Uri.UriSchemeHttp))
        {
            return GitLabUrlCheck.Fail(allowInsecure ? "must use https or http" : "must use https (http needs Connector:AllowInsecureGitLabUrls)");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return GitLabUrlCheck.Fail("must not contain user info");
        }

        if (!string.IsNullOrEmpty(uri.Query) || url.Contains('?', StringComparison.Ordinal))
        {
            return GitLabUrlCheck.Fail("must not contain a query");
        }

        if (!string.IsNullOrEmpty(uri.Fragment) || url.Contains('#', StringComparison.Ordinal))
        {
            return GitLabUrlCheck.Fail("must not contain a fragment");
        }

        var host = uri.IdnHost.ToLowerInvariant();
        IPAddress[] addresses = [];
        try
        {
            addresses = IPAddress.TryParse(uri.HostNameType == UriHostNameType.IPv6 ? host.Trim('[', ']') : host, out var literal)
                ? [literal]
                : await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // Reported below like a name without addresses.
        }

        if (addresses.Length == 0)
        {
            return GitLabUrlCheck.Fail($"host '{host}' does not resolve");
        }

        foreach (var address in addresses)
        {
            if (GitLabAddressPolicy.Classify(address) is { } reason && (reason.Always || !allowInsecure))
            {
                return GitLabUrlCheck.Fail($"resolves to a {reason.Name} address ({address}), which is not allowed");
            }
        }

        var normalized = $"{uri.Scheme}://{uri.Authority.ToLowerInvariant()}{uri.AbsolutePath.TrimEnd('/')}";
        return GitLabUrlCheck.Ok(new Uri(normalized, UriKind.Absolute));
    }
}

/// <summary>A normalised URL or why it was refused.</summary>
public sealed record GitLabUrlCheck(Uri? Url, string? Error)
{
    public bool IsValid => Url is not null;

    public static GitLabUrlCheck Ok(Uri url) => new(url, null);

    public static GitLabUrlCheck Fail(string error) => new(null, error);
}
