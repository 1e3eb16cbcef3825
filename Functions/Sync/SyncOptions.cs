using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.Sync;

/// <summary>Settings under <c>Connector:Sync</c>: the scheduled reconciliation.</summary>
public sealed class SyncOptions
{
    public const string Section = "Connector:Sync";

    [Required] public string Schedule { get; set; } = "0 15 * * * *";

    /// <summary>How far back a connection's first sync looks (later ones start at its watermark).</summary>
    public TimeSpan DefaultLookback { get; set; } = TimeSpan.FromDays(30);
}
