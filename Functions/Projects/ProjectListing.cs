using GitLabConnector.GitLab;

namespace GitLabConnector.Projects;

/// <summary>One page of the projects a token can see (GitLab's page of the same number: one list call per page), each with our hook.</summary>
public sealed class ProjectListing(IGitLabApi gitLab)
{
    public const int PerPage = 20;

    /// <summary>GitLab caps offset pagination (50,000 rows on GitLab.com by default).</summary>
    public const int MaxPage = 2_500;
    private const int MaxHooks = 500;

    public async Task<ProjectPage> ListAsync(
        GitLabConnection connection, Uri webhookUrl, string? search, int page, IReadOnlyDictionary<long, DateTimeOffset> lastEvents, CancellationToken cancellationToken)
    {
        var resource = string.Create(CultureInfo.InvariantCulture, $"projects?membership=true&simple=true&order_by=id&sort=asc&per_page={PerPage}")
            + (string.IsNullOrWhiteSpace(search) ? string.Empty : "&search=" + Uri.EscapeDataString(search));
        var projects = await gitLab.GetPageAsync(connection, resource, page, cancellationToken).ConfigureAwait(false);
        var views = new ProjectView[projects.Items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, views.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, ct) => views[i] = await DescribeAsync(connection, webhookUrl, projects.Items[i], lastEvents, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return new ProjectPage(page, projects.NextPage, views);
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
