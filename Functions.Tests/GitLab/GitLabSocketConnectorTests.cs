using System.Net;
using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;
using NSubstitute;

namespace GitLabConnector.Tests.GitLab;

/// <summary>The address policy is enforced where the socket connects, on every GitLab call, under the settings in force now.</summary>
public class GitLabSocketConnectorTests : FakeGitLabTestBase
{
    [Fact]
    public async Task A_loopback_gitlab_allowed_before_is_not_reached_once_the_insecure_flag_is_off()
    {
        GitLab.State.AddProject(5);
        await Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None);
        var reached = GitLab.Requests.To("/projects/5").Count;
        UseClient(GitLabClientHarness.Create(allowInsecureUrls: false));

        var error = await Assert.ThrowsAsync<GitLabAddressRefusedException>(() => Client.Api.GetProjectAsync(Connection, 5, CancellationToken.None));

        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Equal(reached, GitLab.Requests.To("/projects/5").Count);
        Assert.Contains(Client.Logs.Entries, e => e.EventId.Id == 1212);
    }

    [Fact]
    public async Task A_host_name_is_dialled_at_the_address_that_was_checked()
    {
        var resolver = Substitute.For<IHostAddressResolver>();
        resolver.ResolveAsync("gitlab.rebind.test", Arg.Any<CancellationToken>()).Returns([IPAddress.Loopback]);
        GitLab.State.AddProject(5);
        var named = new GitLabConnection("conn-1", new UriBuilder(GitLab.BaseUrl) { Host = "gitlab.rebind.test" }.Uri, Token);

        UseClient(GitLabClientHarness.Create(resolver: resolver));
        var project = await Client.Api.GetProjectAsync(named, 5, CancellationToken.None);
        Assert.Equal(5, project.GetProperty("id").GetInt64());

        UseClient(GitLabClientHarness.Create(allowInsecureUrls: false, resolver: resolver));
        await Assert.ThrowsAsync<GitLabAddressRefusedException>(() => Client.Api.GetProjectAsync(named, 5, CancellationToken.None));
    }

    [Fact]
    public async Task A_metadata_address_is_refused_even_with_the_insecure_flag()
    {
        var resolver = Substitute.For<IHostAddressResolver>();
        resolver.ResolveAsync("metadata.rebind.test", Arg.Any<CancellationToken>()).Returns([IPAddress.Parse("::a9fe:a9fe")]);
        UseClient(GitLabClientHarness.Create(resolver: resolver));

        var error = await Assert.ThrowsAsync<GitLabAddressRefusedException>(() =>
            Client.Api.GetProjectAsync(new GitLabConnection("conn-1", new Uri("https://metadata.rebind.test"), Token), 5, CancellationToken.None));

        Assert.Contains("link-local or metadata", error.Message, StringComparison.Ordinal);
    }
}
