namespace GitLabConnector.Resilience;

/// <summary>
/// How hard each scenario pushes. <see cref="Short"/> is the CI run (whole suite well under 5 minutes on 2 cores);
/// <see cref="Long"/> uses the numbers from the resilience issue.
/// </summary>
public sealed record SuiteMode
{
    public required string Name { get; init; }

    /// <summary>Deliveries per second for the storage outage (the 200/s in long mode) and the duplicate storm.</summary>
    public required double Rate { get; init; }

    /// <summary>
    /// Deliveries per second while GitLab or Key Vault misbehave (scenarios 3 and 4). The issue sets no rate for them; long
    /// mode uses one that enrichment on the 2-core reference machine can drain in minutes, so the run measures
    /// fault handling rather than how long a 200/s backlog takes to drain.
    /// </summary>
    public required double FaultRate { get; init; }

    /// <summary>How long the storage-outage scenario sends.</summary>
    public required TimeSpan StorageLoadDuration { get; init; }

    public required TimeSpan StorageOutage { get; init; }

    /// <summary>Events sent before the app is killed in the crash scenario.</summary>
    public required int CrashEvents { get; init; }

    /// <summary>Length of each GitLab fault phase (429 bursts, slow responses, revoked token).</summary>
    public required TimeSpan GitLabPhase { get; init; }

    /// <summary>How long GitLab answers 5xx.</summary>
    public required TimeSpan GitLabOutage { get; init; }

    public required TimeSpan KeyVaultLoadDuration { get; init; }

    public required TimeSpan KeyVaultOutage { get; init; }

    /// <summary>Distinct changes in the duplicate storm (each sent 3 times, half also through a second hook).</summary>
    public required int StormChanges { get; init; }

    /// <summary>Zero skips the soak.</summary>
    public required TimeSpan SoakDuration { get; init; }

    public required double SoakRate { get; init; }

    public required int FuzzCases { get; init; }

    /// <summary>Upper bound for waiting until every accepted event is enriched.</summary>
    public required TimeSpan DrainTimeout { get; init; }

    /// <summary>The wait also ends when no new record or publication appeared for this long (stuck, not slow).</summary>
    public required TimeSpan DrainStall { get; init; }

    /// <summary>Ceiling for the whole run, so a hung scenario fails it instead of blocking.</summary>
    public required TimeSpan RunTimeout { get; init; }

    public static SuiteMode Short { get; } = new()
    {
        Name = "short",
        Rate = 20,
        FaultRate = 20,
        StorageLoadDuration = TimeSpan.FromSeconds(15),
        StorageOutage = TimeSpan.FromSeconds(3),
        CrashEvents = 150,
        GitLabPhase = TimeSpan.FromSeconds(4),
        GitLabOutage = TimeSpan.FromSeconds(5),
        KeyVaultLoadDuration = TimeSpan.FromSeconds(12),
        KeyVaultOutage = TimeSpan.FromSeconds(5),
        StormChanges = 100,
        SoakDuration = TimeSpan.Zero,
        SoakRate = 0,
        FuzzCases = 1000,
        DrainTimeout = TimeSpan.FromSeconds(90),
        DrainStall = TimeSpan.FromSeconds(60),
        RunTimeout = TimeSpan.FromMinutes(10),
    };

    public static SuiteMode Long { get; } = new()
    {
        Name = "long",
        Rate = 200,
        FaultRate = 25,
        StorageLoadDuration = TimeSpan.FromSeconds(30),
        StorageOutage = TimeSpan.FromSeconds(5),
        CrashEvents = 1000,
        GitLabPhase = TimeSpan.FromSeconds(10),
        GitLabOutage = TimeSpan.FromSeconds(30),
        KeyVaultLoadDuration = TimeSpan.FromSeconds(40),
        KeyVaultOutage = TimeSpan.FromSeconds(20),
        StormChanges = 1000,
        SoakDuration = TimeSpan.FromMinutes(10),
        SoakRate = 10,
        FuzzCases = 10_000,
        DrainTimeout = TimeSpan.FromMinutes(30),
        DrainStall = TimeSpan.FromMinutes(2),
        RunTimeout = TimeSpan.FromMinutes(120),
    };
}
