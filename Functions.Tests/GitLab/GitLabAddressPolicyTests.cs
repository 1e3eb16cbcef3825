using System.Net;
using GitLabConnector.GitLab;

namespace GitLabConnector.Tests.GitLab;

public class GitLabAddressPolicyTests
{
    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("::a9fe:a9fe")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b:1::a9fe:a9fe")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("192.0.0.192")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("0.1.2.3")]
    [InlineData("ff02::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    public void Refused_even_with_the_insecure_flag(string address)
    {
        Assert.False(Allowed(address, allowInsecure: true));
        Assert.False(Allowed(address, allowInsecure: false));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:c0a8:101::1")]
    [InlineData("10.0.0.5")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("fc00::1")]
    [InlineData("fec0::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void Refused_unless_the_insecure_flag_is_on(string address)
    {
        Assert.True(Allowed(address, allowInsecure: true));
        Assert.False(Allowed(address, allowInsecure: false));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("198.20.0.1")]
    [InlineData("192.0.1.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(Allowed(address, allowInsecure: false));

    // What the URL validator and the socket connector both do with a classification.
    private static bool Allowed(string address, bool allowInsecure) =>
        GitLabAddressPolicy.Classify(IPAddress.Parse(address)) is not { } reason || (!reason.Always && allowInsecure);
}
