namespace GitLabConnector.Projects;

/// <summary>One page of <c>GET /api/connections/{id}/projects</c>.</summary>
public sealed record ProjectPage(int Page, int? NextPage, IReadOnlyList<ProjectView> Projects);

/// <summary>A project the token can see, with the connector's hook on it and when the connection last heard from it.</summary>
public sealed record ProjectView(long Id, string Path, string? WebUrl, ProjectHookView Hook, DateTimeOffset? LastEventAt);

/// <summary>The connector's hook on a project (matched by URL); <see cref="Installed"/> is null when the token may not read hooks (Maintainer).</summary>
public sealed record ProjectHookView(bool? Installed, long? HookId, IReadOnlyList<string> Events, string? AlertStatus, DateTimeOffset? DisabledUntil)
{
    public static ProjectHookView Of(HookState hook) => new(true, hook.Id, hook.Events, hook.AlertStatus, hook.DisabledUntil);
}

/// <summary>The answer of <c>POST …/projects/{projectId}/hook</c>.</summary>
public sealed record ProjectHookInstalled(long ProjectId, string Url, ProjectHookView Hook);
