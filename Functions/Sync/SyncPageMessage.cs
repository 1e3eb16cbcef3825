namespace GitLabConnector.Sync;

/// <summary>A page of projects (<see cref="SyncKinds.Projects"/>, project 0), or of one kind of one project.</summary>
public sealed record SyncPageMessage(string SyncId, string ConnectionId, string Kind, long ProjectId, int Page, string? ProjectPath, string? ProjectWebUrl)
{
    public string PageKey => SyncPageStore.PageKey(Kind, ProjectId, Page);
}
