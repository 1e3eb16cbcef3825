using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.GitLab;

/// <summary>Settings under <c>Connector:GitLab</c>: how the connector calls GitLab.</summary>
public sealed class GitLabApiOptions
{
    public const string Section = "Connector:GitLab";

    /// <summary>Set by <c>Connector:AllowInsecureGitLabUrls</c>: plain http and private addresses are allowed (local GitLab only).</summary>
    public bool AllowInsecureGitLabUrls { get; set; }

    /// <summary>Requests per connection allowed in any <see cref="RateWindow"/>.</summary>
    [Range(1, 1_000_000)] public int RequestsPerMinute { get; set; } = 2000;

    /// <summary>A minute, like GitLab.com; only a time-compressed benchmark or a non-minute throttle period needs another.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);
    [Range(1, 1_000_000)] public int UserRequestsPerTenMinutes { get; set; } = 300;

    /// <summary>GitLab counts a request when it arrives, the connector when it sends it: the headroom absorbs that skew so the budget never meets a 429.</summary>
    [Range(0.1, 1.0)] public double BudgetUtilization { get; set; } = 0.95;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    [Range(0, 10)] public int MaxRetries { get; set; } = 3;

    /// <summary>Largest GitLab response body (each page of a list) the connector reads; larger answers are an error, never buffered whole.</summary>
    [Range(64 * 1024, 1024L * 1024 * 1024)] public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;
}
