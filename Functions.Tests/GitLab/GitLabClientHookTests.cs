using GitLabConnector.GitLab;
using GitLabConnector.GitLabEvents;

namespace GitLabConnector.Tests.GitLab;

public class GitLabClientHookTests : FakeGitLabTestBase
{
    private static GitLabHookRequest Hook(params string[] flags) =>
        new(new Uri("https://connector.example.com/api/webhooks/conn-1"), "hook-secret-value", "whsec_c2lnbmluZw==", flags);

    [Fact]
    public async Task Creates_a_project_hook_with_only_the_requested_events()
    {
        var created = await Client.Api.CreateHookAsync(Connection, GitLabHookOwner.Project, 5, Hook(GitLabEventFlags.MergeRequests, GitLabEventFlags.Pipelines), CancellationToken.None);

        var stored = Assert.Single(GitLab.State.Hooks(GitLabHookOwner.Project, 5));
        Assert.Equal(stored.Id, created.Id);
        Assert.Equal(new Uri("https://connector.example.com/api/webhooks/conn-1"), created.Url);
        var body = stored.RequestBody;
        Assert.True(body["merge_requests_events"]!.GetValue<bool>());
        Assert.True(body["pipeline_events"]!.GetValue<bool>());
        Assert.False(body["push_events"]!.GetValue<bool>());
        Assert.False(body["note_events"]!.GetValue<bool>());
        Assert.True(body["enable_ssl_verification"]!.GetValue<bool>());
        Assert.Equal("hook-secret-value", body["token"]!.GetValue<string>());
        Assert.Equal("whsec_c2lnbmluZw==", body["signing_token"]!.GetValue<string>());
        Assert.Null(body["member_events"]);
    }

    [Fact]
    public async Task Creates_a_group_hook_with_group_only_events()
    {
        await Client.Api.CreateHookAsync(Connection, GitLabHookOwner.Group, 8, Hook(GitLabEventFlags.Members, GitLabEventFlags.Subgroups) with { SigningToken = null }, CancellationToken.None);

        var body = Assert.Single(GitLab.State.Hooks(GitLabHookOwner.Group, 8)).RequestBody;
        Assert.True(body["member_events"]!.GetValue<bool>());
        Assert.True(body["subgroup_events"]!.GetValue<bool>());
        Assert.False(body["project_events"]!.GetValue<bool>());
        Assert.Null(body["signing_token"]);
        Assert.Single(GitLab.Requests.To("/groups/8/hooks", "POST"));
    }

    [Fact]
    public async Task Updates_a_hook_resending_the_secret_token()
    {
        var created = await Client.Api.CreateHookAsync(Connection, GitLabHookOwner.Project, 5, Hook(GitLabEventFlags.Push), CancellationToken.None);

        await Client.Api.UpdateHookAsync(Connection, GitLabHookOwner.Project, 5, created.Id, Hook(GitLabEventFlags.Notes), CancellationToken.None);

        var body = Assert.Single(GitLab.State.Hooks(GitLabHookOwner.Project, 5)).RequestBody;
        Assert.False(body["push_events"]!.GetValue<bool>());
        Assert.True(body["note_events"]!.GetValue<bool>());
        Assert.Equal("hook-secret-value", body["token"]!.GetValue<string>());
        Assert.Single(GitLab.Requests.To($"/projects/5/hooks/{created.Id}", "PUT"));
    }

    [Fact]
    public async Task Deletes_a_hook_and_tolerates_one_already_gone()
    {
        var created = await Client.Api.CreateHookAsync(Connection, GitLabHookOwner.Project, 5, Hook(GitLabEventFlags.Push), CancellationToken.None);

        await Client.Api.DeleteHookAsync(Connection, GitLabHookOwner.Project, 5, created.Id, CancellationToken.None);
        await Client.Api.DeleteHookAsync(Connection, GitLabHookOwner.Project, 5, created.Id, CancellationToken.None);

        Assert.Empty(GitLab.State.Hooks(GitLabHookOwner.Project, 5));
        Assert.Equal([204, 404], GitLab.Requests.To($"/projects/5/hooks/{created.Id}", "DELETE").Select(r => r.Status));
    }

    [Fact]
    public async Task Rejects_a_group_only_event_on_a_project_hook_before_calling_gitlab()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Client.Api.CreateHookAsync(Connection, GitLabHookOwner.Project, 5, Hook(GitLabEventFlags.Members), CancellationToken.None));

        Assert.Empty(GitLab.Requests.Entries);
    }
}
