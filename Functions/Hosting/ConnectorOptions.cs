using Microsoft.Extensions.Options;
using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.Hosting;

/// <summary>Settings under <c>Connector</c> (README, Settings). Bound and validated at start-up.</summary>
public sealed class ConnectorOptions
{
    public const string Section = "Connector";

    /// <summary>Standalone listen address.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Base of webhook URLs handed to users; defaults to <see cref="Urls"/>.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Admin key for standalone mode; absent means the admin API is disabled.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Key Vault for tokens and secrets; absent means the local file store.</summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity for Key Vault; falls back to <c>AzureWebJobsStorage__clientId</c>.</summary>
    public string? ManagedIdentityClientId { get; set; }

    [Required]
    public string LocalSecretsPath { get; set; } = ".data/secrets.json";

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

    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    public bool AllowInsecureGitLabUrls { get; set; }

    /// <summary>How long ingestion trusts its cached view of a connection (disconnect takes effect within it).</summary>
    public TimeSpan ConnectionCacheTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many connections a starting instance loads into its caches (record and webhook secrets) right after it
    /// listens, so the delivery that woke a cold instance does not wait for the registry and the vault; 0 turns it off.
    /// </summary>
    [Range(0, 10_000)]
    public int WarmUpConnections { get; set; } = 50;

    [ValidateObjectMembers]
    public QueueOptions Queues { get; set; } = new();

    [ValidateObjectMembers]
    public RateLimitOptions RateLimit { get; set; } = new();

    [ValidateObjectMembers]
    public TokenOptions Tokens { get; set; } = new();

    [ValidateObjectMembers]
    public GitLabApiOptions GitLab { get; set; } = new();
}

public sealed class QueueOptions
{
    [Required, RegularExpression(QueueNamePattern)] public string Events { get; set; } = "gitlab-events";
    [Required, RegularExpression(QueueNamePattern)] public string Enriched { get; set; } = "gitlab-enriched";
    [Required, RegularExpression(QueueNamePattern)] public string Alerts { get; set; } = "gitlab-alerts";

    [Range(1, 100)] public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a standalone consumer keeps a message invisible per lease; renewed while a handler runs.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before a failed message is visible again (host.json visibilityTimeout).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 32)] public int BatchSize { get; set; } = 16;

    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    // At most 56 characters so that "<queue>-poison" still fits the 63-character limit.
    private const string QueueNamePattern = "^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$";
}

public sealed class RateLimitOptions
{
    [Range(0.1, 100_000)] public double PermitsPerSecond { get; set; } = 50;
    [Range(1, 1_000_000)] public int Burst { get; set; } = 200;

    /// <summary>
    /// Failed authentications allowed per connection and, separately, per source address (a token bucket of
    /// <see cref="FailureBurst"/>); beyond it failures are answered 429. They never spend the delivery budget above.
    /// </summary>
    [Range(0.1, 100_000)] public double FailuresPerSecond { get; set; } = 5;
    [Range(1, 1_000_000)] public int FailureBurst { get; set; } = 50;

    /// <summary>
    /// Registry reads per second (instance-wide, burst of twice that) for connection ids this instance does not
    /// remember; ids probed at random beyond it are answered 503 without a table read.
    /// </summary>
    [Range(1, 100_000)] public int UnknownLookupsPerSecond { get; set; } = 50;
}

public sealed class TokenOptions
{
    [Required] public string Schedule { get; set; } = "0 0 */6 * * *";
    [Required] public string WarningDays { get; set; } = "30,14,7,3,1";
    public bool AutoRotate { get; set; }
    [Range(1, 365)] public int RotateWhenDaysLeft { get; set; } = 7;
    [Range(1, 400)] public int RotationLifetimeDays { get; set; } = 90;
}

public sealed class GitLabApiOptions
{
    /// <summary>Requests per connection allowed in any <see cref="RateWindow"/> (a minute unless that is changed).</summary>
    [Range(1, 1_000_000)] public int RequestsPerMinute { get; set; } = 2000;

    /// <summary>
    /// The window <see cref="RequestsPerMinute"/> applies to: one minute, like GitLab.com. Only a time-compressed
    /// benchmark or an instance with a non-minute throttle period needs another value.
    /// </summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);
    [Range(1, 1_000_000)] public int UserRequestsPerTenMinutes { get; set; } = 300;

    /// <summary>
    /// Fraction of GitLab's limits the connector uses (default 0.95). GitLab counts a request when it arrives and the
    /// connector when it sends it; the headroom absorbs that skew so the budget never meets a 429.
    /// </summary>
    [Range(0.1, 1.0)] public double BudgetUtilization { get; set; } = 0.95;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    [Range(0, 10)] public int MaxRetries { get; set; } = 3;

    /// <summary>Largest GitLab response body (each page of a list) the connector reads; larger answers are an error, never buffered whole.</summary>
    [Range(64 * 1024, 1024L * 1024 * 1024)] public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;
}
