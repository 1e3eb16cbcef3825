using GitLabConnector.GitLab;

namespace GitLabConnector.Projects;

/// <summary>
/// The projects a token can see (every GitLab page, then paged here by <see cref="PerPage"/>), each with the hook that
/// delivers to <c>webhookUrl</c>. Hooks are read for the page's projects only.
/// </summary>
public sealed class ProjectListing(IGitLabApi gitLab)
{
    public const int PerPage = 20;
    public const int MaxPage = MaxProjects / PerPage;
    private const int MaxProjects = 10_000;
    private const int MaxHooks = 500;

    public async Task<ProjectPage> ListAsync(
        GitLabConnection connection, Uri webhookUrl, string? search, int page, IReadOnlyDictionary<long, DateTimeOffset> lastEvents, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        var projects = await gitLab.ListProjectsAsync(connection, search, MaxProjects, cancellationToken).ConfigureAwait(false);
        var slice = projects.Skip((page - 1) * PerPage).Take(PerPage).ToList();
        var views = new ProjectView[slice.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, slice.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, ct) => views[i] = await DescribeAsync(connection, webhookUrl, slice[i], lastEvents, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return new ProjectPage(page, PerPage, projects.Count, page * PerPage < projects.Count ? page + 1 : null, views);
    }

    private async Task<ProjectView> DescribeAsync(
        GitLabConnection connection, Uri webhookUrl, JsonElement project, IReadOnlyDictionary<long, DateTimeOffset> lastEvents, CancellationToken cancellationToken)
    {
        var id = project.GetProperty("id").GetInt64();
        ProjectHookView hook;
        try
        {
            var hooks = await gitLab.ListHooksAsync(connection, GitLabHookOwner.Project, id, MaxHooks, cancellationToken).ConfigureAwait(false);
            hook = hooks.Select(HookState.From).FirstOrDefault(h => h.DeliversTo(webhookUrl)) is { } ours
                ? ProjectHookView.Of(ours)
                : new ProjectHookView(false, null, [], null, null);
        }
        catch (GitLabApiException e) when (e.IsGoneOrForbidden)
        {
            hook = new ProjectHookView(null, null, [], null, null);
        }

        return new ProjectView(
            id,
            Text(project, "path_with_namespace") ?? id.ToString(CultureInfo.InvariantCulture),
            Text(project, "web_url"),
            hook,
            lastEvents.TryGetValue(id, out var at) ? at : null);
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
