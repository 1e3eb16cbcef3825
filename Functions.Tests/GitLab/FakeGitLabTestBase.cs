using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;

namespace GitLabConnector.Tests.GitLab;

/// <summary>Starts a fake GitLab with one personal token and a client harness per test.</summary>
public abstract class FakeGitLabTestBase : IAsyncLifetime
{
    protected const string Token = "glpat-TestSecretValue12345";

    protected FakeGitLabServer GitLab { get; private set; } = null!;

    protected GitLabClientHarness Client { get; set; } = null!;

    protected GitLabConnection Connection => new("conn-1", GitLab.BaseUrl, Token);

    protected virtual string SubPath => string.Empty;

    public virtual async Task InitializeAsync()
    {
        GitLab = await FakeGitLabServer.StartAsync(SubPath);
        GitLab.State.AddPersonalToken(Token, userId: 1, username: "alice");
        Client = GitLabClientHarness.Create();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await GitLab.DisposeAsync();
    }

    protected void UseClient(GitLabClientHarness client)
    {
        Client.Dispose();
        Client = client;
    }
}
