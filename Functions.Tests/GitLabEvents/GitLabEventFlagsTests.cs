using GitLabConnector.GitLabEvents;

namespace GitLabConnector.Tests.GitLabEvents;

public class GitLabEventFlagsTests
{
    [Theory]
    [InlineData("Merge Request Hook", "merge_requests_events")]
    [InlineData("Push Hook", "push_events")]
    [InlineData("Note Hook", "note_events")]
    [InlineData("Job Hook", "job_events")]
    [InlineData("Release Hook", "releases_events")]
    [InlineData("Resource Access Token Hook", "resource_access_token_events")]
    [InlineData("Confidential Note Hook", "confidential_note_events")]
    [InlineData("Subgroup Hook", "subgroup_events")]
    public void Maps_event_names_to_flags_and_back(string eventName, string flag)
    {
        Assert.Equal(flag, GitLabEventCatalog.FlagForEvent(eventName));
        Assert.Equal(eventName, GitLabEventCatalog.EventForFlag(flag));
    }

    [Fact]
    public void Unknown_events_have_no_flag()
    {
        Assert.Null(GitLabEventCatalog.FlagForEvent("System Hook"));
        Assert.Null(GitLabEventCatalog.EventForFlag("made_up_events"));
    }

    [Fact]
    public void Every_flag_has_an_event_name() =>
        Assert.All(GitLabEventFlags.All, f => Assert.NotNull(GitLabEventCatalog.EventForFlag(f)));

    [Fact]
    public void Project_hooks_exclude_group_only_flags()
    {
        var project = GitLabEventFlags.Project.ToList();

        Assert.DoesNotContain(GitLabEventFlags.Members, project);
        Assert.Contains(GitLabEventFlags.MergeRequests, project);
        Assert.Equal(GitLabEventFlags.All.Count - GitLabEventFlags.GroupOnly.Count, project.Count);
    }
}
