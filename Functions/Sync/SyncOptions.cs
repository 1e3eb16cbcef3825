using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.Sync;

public sealed class SyncOptions
{
    public const string Section = "Connector:Sync";

    [Required] public string Schedule { get; set; } = "0 15 * * * *";

    /// <summary>For a connection's first sync; later ones start at its watermark.</summary>
    public TimeSpan DefaultLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A sync that finished no page for this long is failed by the next start (its messages lost to poison, say). Not derived
    /// from the queue's retries: a page may wait long on the GitLab budget.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromHours(1);
}
