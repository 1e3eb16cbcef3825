namespace GitLabConnector.Sync;

public static class SyncKinds
{
    public const string MergeRequest = "merge_request";
    public const string Issue = "issue";
    public const string Pipeline = "pipeline";
    public const string Commit = "commit";

    /// <summary>The page that lists (or looks up) the projects to sync.</summary>
    public const string Projects = "projects";

    public static IReadOnlyList<string> All { get; } = [MergeRequest, Issue, Pipeline, Commit];

    /// <summary>Newest first, so an item updated while the sync pages moves ahead of the cursor and nothing is skipped.</summary>
    public static string ListResource(string kind, long projectId, DateTimeOffset since)
    {
        var after = Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        return kind switch
        {
            MergeRequest => Invariant($"projects/{projectId}/merge_requests?scope=all&updated_after={after}&order_by=updated_at&sort=desc"),
            Issue => Invariant($"projects/{projectId}/issues?scope=all&updated_after={after}&order_by=updated_at&sort=desc"),
            Pipeline => Invariant($"projects/{projectId}/pipelines?updated_after={after}&order_by=updated_at&sort=desc"),
            Commit => Invariant($"projects/{projectId}/repository/commits?since={after}&with_stats=true"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a sync kind"),
        };
    }

    public static string EventName(string kind) => kind switch
    {
        MergeRequest => "Merge Request Hook",
        Issue => "Issue Hook",
        Pipeline => "Pipeline Hook",
        _ => "Commit",
    };

    private static string Invariant(FormattableString value) => FormattableString.Invariant(value);
}
