using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.Sync;

/// <summary>Settings under <c>Connector:Sync</c>: the scheduled reconciliation.</summary>
public sealed class SyncOptions
{
    public const string Section = "Connector:Sync";

    [Required] public string Schedule { get; set; } = "0 15 * * * *";

    /// <summary>How far back a connection's first sync looks (later ones start at its watermark).</summary>
    public TimeSpan DefaultLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a queued or running sync may go without finishing a page before the next start fails it as stalled (its
    /// messages lost to poison, say). An option, not derived from the queue's retries: a page may wait long on the GitLab budget.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromHours(1);
}
