using System.Net;
using System.Net.Sockets;
using GitLabConnector.Hosting;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Connections;

/// <summary>
/// Checks a GitLab instance URL before the connector sends a token to it: absolute https (http only with
/// <see cref="ConnectorOptions.AllowInsecureGitLabUrls"/>), an optional sub-path, no user info, query or fragment.
/// Link-local and cloud metadata addresses are always refused (a token sent there could be captured, and the URL could
/// probe the host's metadata service); loopback and private ranges only with the insecure flag. Host names are resolved
/// and every address must pass the same rules.
/// </summary>
public sealed class GitLabUrlValidator(IHostAddressResolver resolver, IOptions<ConnectorOptions> options)
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
        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.HostNameType == UriHostNameType.IPv6 ? host.Trim('[', ']') : host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return GitLabUrlCheck.Fail($"host '{host}' does not resolve");
            }

            if (addresses.Length == 0)
            {
                return GitLabUrlCheck.Fail($"host '{host}' does not resolve");
            }
        }

        foreach (var address in addresses)
        {
            if (Classify(address) is { } reason && (reason.Always || !allowInsecure))
            {
                return GitLabUrlCheck.Fail($"resolves to a {reason.Name} address ({address}), which is not allowed");
            }
        }

        var normalized = $"{uri.Scheme}://{uri.Authority.ToLowerInvariant()}{uri.AbsolutePath.TrimEnd('/')}";
        return GitLabUrlCheck.Ok(new Uri(normalized, UriKind.Absolute));
    }

    /// <summary>Why an address is refused (<c>Always</c>: even with the insecure flag), or null when it is public.</summary>
    internal static (string Name, bool Always)? Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b switch
            {
                [169, 254, _, _] => ("link-local or metadata", true),
                [0, 0, 0, 0] => ("unspecified", false),
                [0, _, _, _] => ("reserved", true),
                [127, _, _, _] => ("loopback", false),
                [10, _, _, _] => ("private", false),
                [172, >= 16 and <= 31, _, _] => ("private", false),
                [192, 168, _, _] => ("private", false),
                [100, >= 64 and <= 127, _, _] => ("carrier-grade NAT", false),
                [>= 224, _, _, _] => ("multicast or reserved", true),
                _ => null,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(AwsMetadataV6))
            {
                return ("link-local or metadata", true);
            }

            var b = address.GetAddressBytes();
            if (address.IsIPv6LinkLocal || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80))
            {
                return ("link-local or metadata", true);
            }

            if (address.IsIPv6Multicast)
            {
                return ("multicast", true);
            }

            if (IPAddress.IPv6Loopback.Equals(address))
            {
                return ("loopback", false);
            }

            if (IPAddress.IPv6Any.Equals(address))
            {
                return ("unspecified", false);
            }

            if ((b[0] & 0xfe) == 0xfc)
            {
                return ("private", false);
            }

            return null;
        }

        return ("unsupported", true);
    }

    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");
}

/// <summary>The outcome of <see cref="GitLabUrlValidator.ValidateAsync"/>: a normalised URL or why it was refused.</summary>
public sealed record GitLabUrlCheck(Uri? Url, string? Error)
{
    public bool IsValid => Url is not null;

    public static GitLabUrlCheck Ok(Uri url) => new(url, null);

    public static GitLabUrlCheck Fail(string error) => new(null, error);
}
