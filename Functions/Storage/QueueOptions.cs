using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.Storage;

/// <summary>Settings under <c>Connector:Queues</c>: the queue names every part reads or writes, and how a consumer treats a message.</summary>
public sealed class QueueOptions
{
    public const string Section = "Connector:Queues";

    [Required, RegularExpression(QueueNamePattern)] public string Events { get; set; } = "gitlab-events";
    [Required, RegularExpression(QueueNamePattern)] public string Enriched { get; set; } = "gitlab-enriched";
    [Required, RegularExpression(QueueNamePattern)] public string Alerts { get; set; } = "gitlab-alerts";

    /// <summary>Sync page work (a message per project, kind and page).</summary>
    [Required, RegularExpression(QueueNamePattern)] public string Sync { get; set; } = "gitlab-sync";

    [Range(1, 100)] public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a standalone consumer keeps a message invisible per lease; renewed while a handler runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before a failed message is visible again (host.json visibilityTimeout).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 32)] public int BatchSize { get; set; } = 16;

    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    // At most 56 characters so that "<queue>-poison" still fits the 63-character limit.
    private const string QueueNamePattern = "^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$";
}
