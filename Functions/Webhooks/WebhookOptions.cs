using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.Webhooks;

/// <summary>Settings under <c>Connector</c> that bound what webhook ingestion accepts and holds.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Connector";

    /// <summary>Blob container for payloads too large for a queue message (events, and enriched records too).</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "must be a valid blob container name")]
    public string PayloadContainer { get; set; } = "gitlab-payloads";

    [Range(1024, 100L * 1024 * 1024)]
    public long MaxPayloadBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>
    /// Instance-wide cap on request bytes held before their sender is proven (signed deliveries are read to verify the
    /// HMAC). Beyond it a signed delivery is refused with 503 and Retry-After instead of being read.
    /// </summary>
    [Range(1024 * 1024, int.MaxValue)]
    public long MaxUnverifiedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How many connections a starting instance loads into its caches (record and webhook secrets) right after it
    /// listens, so the delivery that woke a cold instance does not wait for the registry and the vault; 0 turns it off.
    /// </summary>
    [Range(0, 10_000)]
    public int WarmUpConnections { get; set; } = 50;

    /// <summary>
    /// How long ingest waits for the durable write before answering 503 + Retry-After. Under GitLab's webhook timeout
    /// (10 s on GitLab.com; a self-managed admin may raise <c>webhook_timeout</c>), so GitLab gets an answer, not a
    /// timeout it counts toward disabling the hook. A write that lands after the cut is processed all the same.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan WriteDeadline { get; set; } = TimeSpan.FromSeconds(8);

    [ValidateObjectMembers]
    public RateLimitOptions RateLimit { get; set; } = new();
}
