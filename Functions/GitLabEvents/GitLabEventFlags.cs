namespace GitLabConnector.GitLabEvents;

/// <summary>The hook API's event flags; which event each subscribes to is in <see cref="GitLabEventCatalog"/>.</summary>
public static class GitLabEventFlags
{
    public const string Push = "push_events";
    public const string TagPush = "tag_push_events";
    public const string Issues = "issues_events";
    public const string ConfidentialIssues = "confidential_issues_events";
    public const string Notes = "note_events";
    public const string ConfidentialNotes = "confidential_note_events";
    public const string MergeRequests = "merge_requests_events";
    public const string WikiPages = "wiki_page_events";
    public const string Pipelines = "pipeline_events";
    public const string Jobs = "job_events";
    public const string Deployments = "deployment_events";
    public const string FeatureFlags = "feature_flag_events";
    public const string Releases = "releases_events";
    public const string Milestones = "milestone_events";
    public const string Emoji = "emoji_events";
    public const string ResourceAccessTokens = "resource_access_token_events";
    public const string Vulnerabilities = "vulnerability_events";
    public const string Members = "member_events";
    public const string Projects = "project_events";
    public const string Subgroups = "subgroup_events";

    public static IReadOnlyList<string> All => GitLabEventCatalog.Flags;

    public static IReadOnlySet<string> GroupOnly => GitLabEventCatalog.GroupOnlyFlags;

    /// <summary>The flags a project hook accepts (a group hook accepts <see cref="All"/>).</summary>
    public static IEnumerable<string> Project => All.Where(f => !GroupOnly.Contains(f));
}
