using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.Enrichment;

/// <summary>Settings under <c>Connector:Enrichment</c>: how much GitLab enrichment may read per event.</summary>
public sealed class EnrichmentOptions
{
    public const string Section = "Connector:Enrichment";

    /// <summary>A claim's life without renewal (renewed every third of it); a crashed worker's events are taken over this late.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")] public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First delay of the retries of marking an event done (then doubled, three retries).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan MarkDoneRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Push commits whose stats (additions/deletions) are read; the newest ones in the payload.</summary>
    [Range(0, 100)] public int MaxPushCommitStats { get; set; } = 20;

    [Range(1, 16)] public int CommitStatsParallelism { get; set; } = 4;

    [Range(1, 10_000)] public int MaxDiscussions { get; set; } = 1000;

    [Range(1, 10_000)] public int MaxMergeRequestCommits { get; set; } = 1000;

    [Range(1, 10_000)] public int MaxFailedJobs { get; set; } = 100;

    /// <summary>How long a GitLab user (username, name) is trusted without asking again.</summary>
    public TimeSpan UserCacheTtl { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 1_000_000)] public int UserCacheSize { get; set; } = 10_000;

    /// <summary>How long a merge request's code facts (changes, commits) are kept for the same head commit.</summary>
    public TimeSpan MergeRequestFactsTtl { get; set; } = TimeSpan.FromHours(6);

    [Range(1, 1_000_000)] public int MergeRequestFactsCacheSize { get; set; } = 10_000;
}
