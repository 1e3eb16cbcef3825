using System.Net;
using System.Net.Sockets;

namespace GitLabConnector.GitLab;

/// <summary>
/// Which addresses a GitLab token may be sent to. <c>Always</c> ranges are refused even with
/// <c>Connector:AllowInsecureGitLabUrls</c>; an IPv6 address embedding an IPv4 one is judged by the IPv4 address it reaches.
/// </summary>
public static class GitLabAddressPolicy
{
    private static readonly (IPNetwork Network, string Name, bool Always)[] Forbidden =
    [
        (IPNetwork.Parse("0.0.0.0/32"), "unspecified", false),
        (IPNetwork.Parse("0.0.0.0/8"), "reserved", true),
        (IPNetwork.Parse("10.0.0.0/8"), "private", false),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT", false),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback", false),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local or metadata", true),
        (IPNetwork.Parse("172.16.0.0/12"), "private", false),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignment", true),
        (IPNetwork.Parse("192.168.0.0/16"), "private", false),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking", false),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast", true),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved", true),
        (IPNetwork.Parse("::/128"), "unspecified", false),
        (IPNetwork.Parse("::1/128"), "loopback", false),
        (IPNetwork.Parse("fd00:ec2::254/128"), "link-local or metadata", true),
        (IPNetwork.Parse("fc00::/7"), "private", false),
        (IPNetwork.Parse("fe80::/10"), "link-local or metadata", true),
        (IPNetwork.Parse("fec0::/10"), "site-local", false),
        (IPNetwork.Parse("ff00::/8"), "multicast", true),
        (IPNetwork.Parse("2001::/32"), "Teredo tunnel", true),
    ];

    // IPv4-mapped, IPv4-compatible, NAT64 (two prefixes) and 6to4: the network, and the byte offset of the IPv4 address in it.
    private static readonly (IPNetwork Network, int Offset)[] Embedding =
    [
        (IPNetwork.Parse("::ffff:0:0/96"), 12),
        (IPNetwork.Parse("::/96"), 12),
        (IPNetwork.Parse("64:ff9b::/96"), 12),
        (IPNetwork.Parse("64:ff9b:1::/48"), 12),
        (IPNetwork.Parse("2002::/16"), 2),
    ];

    /// <summary>Why an address is refused (<c>Always</c>: even with the insecure flag), or null when it is allowed.</summary>
    public static (string Name, bool Always)? Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Embedded(address) is { } inner)
        {
            return Classify(inner) is { } reason ? (reason.Name + " (embedded in IPv6)", reason.Always) : null;
        }

        foreach (var rule in Forbidden)
        {
            if (rule.Network.Contains(address))
            {
                return (rule.Name, rule.Always);
            }
        }

        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 ? null : ("unsupported", true);
    }

    // :: and ::1 are in ::/96 but embed no IPv4 address.
    private static IPAddress? Embedded(IPAddress address) =>
        address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
            ? null
            : Embedding.Where(e => e.Network.Contains(address)).Select(e => new IPAddress(address.GetAddressBytes().AsSpan(e.Offset, 4))).FirstOrDefault();
}
