using System.Net;
using System.Net.Sockets;

namespace GitLabConnector.GitLab;

/// <summary>
/// Which addresses a GitLab token may be sent to: one table of forbidden networks. <c>Always</c> ranges (link-local,
/// cloud metadata, multicast, reserved) are refused even with <c>Connector:AllowInsecureGitLabUrls</c>; the others
/// (loopback, private, carrier-grade NAT, site-local, benchmarking) only without it. An IPv6 address that embeds an
/// IPv4 one (IPv4-mapped, IPv4-compatible, NAT64, 6to4) is judged by the IPv4 address it reaches.
/// </summary>
public static class GitLabAddressPolicy
{
    private static readonly Rule[] Forbidden =
    [
        new("0.0.0.0/32", "unspecified", false),
        new("0.0.0.0/8", "reserved", true),
        new("10.0.0.0/8", "private", false),
        new("100.64.0.0/10", "carrier-grade NAT", false),
        new("127.0.0.0/8", "loopback", false),
        new("169.254.0.0/16", "link-local or metadata", true),
        new("172.16.0.0/12", "private", false),
        new("192.0.0.0/24", "IETF protocol assignment", true),
        new("192.168.0.0/16", "private", false),
        new("198.18.0.0/15", "benchmarking", false),
        new("224.0.0.0/4", "multicast", true),
        new("240.0.0.0/4", "reserved", true),
        new("::/128", "unspecified", false),
        new("::1/128", "loopback", false),
        new("fd00:ec2::254/128", "link-local or metadata", true),
        new("fc00::/7", "private", false),
        new("fe80::/10", "link-local or metadata", true),
        new("fec0::/10", "site-local", false),
        new("ff00::/8", "multicast", true),
        new("2001::/32", "Teredo tunnel", true),
    ];

    // Where an IPv6 address carries an IPv4 one: the network, and the byte offset of the IPv4 address inside it.
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
        ArgumentNullException.ThrowIfNull(address);
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

    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback))
        {
            return null;
        }

        foreach (var (network, offset) in Embedding)
        {
            if (network.Contains(address))
            {
                return new IPAddress(address.GetAddressBytes().AsSpan(offset, 4));
            }
        }

        return null;
    }

    private sealed record Rule(IPNetwork Network, string Name, bool Always)
    {
        public Rule(string network, string name, bool always)
            : this(IPNetwork.Parse(network), name, always)
        {
        }
    }
}
