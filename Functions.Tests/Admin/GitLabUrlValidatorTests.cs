using System.Net;
using GitLabConnector.Admin;
using GitLabConnector.GitLab;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace GitLabConnector.Tests.Admin;

public sealed class GitLabUrlValidatorTests
{
    private readonly IHostAddressResolver _resolver = Substitute.For<IHostAddressResolver>();

    public GitLabUrlValidatorTests()
    {
        _resolver.ResolveAsync("gitlab.example.com", Arg.Any<CancellationToken>()).Returns([IPAddress.Parse("203.0.113.10")]);
        _resolver.ResolveAsync("internal.example.com", Arg.Any<CancellationToken>()).Returns([IPAddress.Parse("203.0.113.11"), IPAddress.Parse("10.1.2.3")]);
        _resolver.ResolveAsync("metadata.example.com", Arg.Any<CancellationToken>()).Returns([IPAddress.Parse("169.254.169.254")]);
    }

    private GitLabUrlValidator Validator(bool allowInsecure = false) =>
        new(_resolver, Options.Create(new GitLabApiOptions { AllowInsecureGitLabUrls = allowInsecure }));

    [Fact]
    public async Task Accepts_https_and_normalises_host_case_and_trailing_slash()
    {
        var check = await Validator().ValidateAsync("https://GitLab.Example.com/", CancellationToken.None);

        Assert.True(check.IsValid);
        Assert.Equal("https://gitlab.example.com", check.Url!.ToString().TrimEnd('/'));
    }

    [Fact]
    public async Task Keeps_a_sub_path_without_trailing_slash()
    {
        var check = await Validator().ValidateAsync("https://gitlab.example.com/tools/gitlab/", CancellationToken.None);

        Assert.Equal("https://gitlab.example.com/tools/gitlab", check.Url!.ToString());
    }

    [Fact]
    public async Task Rejects_http_without_the_insecure_flag_and_accepts_it_with()
    {
        Assert.False((await Validator().ValidateAsync("http://gitlab.example.com", CancellationToken.None)).IsValid);
        Assert.True((await Validator(allowInsecure: true).ValidateAsync("http://gitlab.example.com", CancellationToken.None)).IsValid);
    }

    [Theory]
    [InlineData("https://10.0.0.5")]
    [InlineData("https://172.16.0.1")]
    [InlineData("https://172.31.255.254")]
    [InlineData("https://192.168.1.1")]
    [InlineData("https://127.0.0.1")]
    [InlineData("https://100.64.0.1")]
    [InlineData("https://0.0.0.0")]
    [InlineData("https://[::1]")]
    [InlineData("https://[fc00::1]")]
    [InlineData("https://[fd12:3456::1]")]
    public async Task Rejects_private_and_loopback_literals_unless_insecure_is_allowed(string url)
    {
        var strict = await Validator().ValidateAsync(url, CancellationToken.None);
        var lenient = await Validator(allowInsecure: true).ValidateAsync(url, CancellationToken.None);

        Assert.False(strict.IsValid);
        Assert.True(lenient.IsValid, lenient.Error);
    }

    [Theory]
    [InlineData("https://169.254.169.254")]
    [InlineData("https://169.254.10.1")]
    [InlineData("https://[fd00:ec2::254]")]
    [InlineData("https://[fe80::1]")]
    [InlineData("https://metadata.example.com")]
    public async Task Always_rejects_link_local_and_metadata_addresses(string url)
    {
        var check = await Validator(allowInsecure: true).ValidateAsync(url, CancellationToken.None);

        Assert.False(check.IsValid);
        Assert.Contains("link-local or metadata", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_host_name_when_any_resolved_address_is_private()
    {
        var check = await Validator().ValidateAsync("https://internal.example.com", CancellationToken.None);

        Assert.False(check.IsValid);
        Assert.Contains("10.1.2.3", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_host_name_that_does_not_resolve()
    {
        _resolver.ResolveAsync("nowhere.example.com", Arg.Any<CancellationToken>()).Returns<IPAddress[]>(_ => throw new System.Net.Sockets.SocketException(11001));

        var check = await Validator().ValidateAsync("https://nowhere.example.com", CancellationToken.None);

        Assert.False(check.IsValid);
    }

    [Theory]
    [InlineData("https://user:pass@gitlab.example.com", "user info")]
    [InlineData("https://gitlab.example.com/?a=b", "query")]
    [InlineData("https://gitlab.example.com/#top", "fragment")]
    [InlineData("gitlab.example.com", "absolute")]
    [InlineData("ftp://gitlab.example.com", "https")]
    public async Task Rejects_malformed_urls(string url, string reason)
    {
        var check = await Validator().ValidateAsync(url, CancellationToken.None);

        Assert.False(check.IsValid);
        Assert.Contains(reason, check.Error, StringComparison.Ordinal);
    }
}
