namespace GitLabConnector.Sync;

/// <summary>
/// One page of sync work on the sync queue: the projects to sync (<see cref="SyncKinds.Projects"/>, project 0), or one
/// page of one kind of one project.
/// </summary>
public sealed record SyncPageMessage(string SyncId, string ConnectionId, string Kind, long ProjectId, int Page, string? ProjectPath, string? ProjectWebUrl)
{
    public string PageKey => SyncPageStore.PageKey(Kind, ProjectId, Page);
}
