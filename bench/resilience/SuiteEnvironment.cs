using System.Globalization;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;

namespace GitLabConnector.Resilience;

/// <summary>
/// What the scenarios share: a fake GitLab, a temporary folder per run, and the settings the connector process is
/// started with. Each scenario gets a fresh Azurite (<see cref="UseFreshStorageAsync"/>): a single Azurite
/// accumulating every scenario's data saturates under the long mode's load and turns later scenarios into a storage
/// benchmark. Only the storage-outage scenario persists to disk (so its outage is a real stop and restart).
/// </summary>
public sealed class SuiteEnvironment : IAsyncDisposable
{
    public const string AdminKey = ConnectorAppHost.AdminKey;

    private int _nextToken;
    private int _nextStorage;

    private SuiteEnvironment(SuiteMode mode, string root, FakeGitLabServer gitLab)
    {
        Mode = mode;
        Root = root;
        GitLab = gitLab;
    }

    public SuiteMode Mode { get; }

    public string Root { get; }

    public AzuriteFixture Azurite { get; private set; } = null!;

    public FakeGitLabServer GitLab { get; }

    public Azure.Data.Tables.TableServiceClient Tables { get; private set; } = null!;

    public QueueService Queues { get; private set; } = null!;

    /// <summary>Stops the current Azurite and starts a new, empty one (on disk when <paramref name="persistent"/>).</summary>
    public Task UseFreshStorageAsync(bool persistent) => Task.Run(() =>
    {
        Azurite?.Dispose();
        var location = persistent ? Path.Combine(Root, "azurite-" + Interlocked.Increment(ref _nextStorage).ToString(CultureInfo.InvariantCulture)) : null;
        Azurite = AzuriteFixture.StartNew(location);
        Tables = Azurite.CreateTableServiceClient();
        Queues = Azurite.CreateQueueService();
    });

    public static async Task<SuiteEnvironment> StartAsync(SuiteMode mode)
    {
        var root = Path.Combine(Path.GetTempPath(), "connector-resilience-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        var gitLab = await FakeGitLabServer.StartAsync();
        return new SuiteEnvironment(mode, root, gitLab);
    }

    /// <summary>A new active GitLab token (personal, api scope) known to the fake GitLab.</summary>
    public string NewGitLabToken()
    {
        var token = "glpat-resilience-" + Interlocked.Increment(ref _nextToken).ToString("D4", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..8];
        GitLab.State.AddPersonalToken(token, expiresAt: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), scopes: ["api"]);
        return token;
    }

    /// <summary>A folder of its own for one scenario (connector working directory, local secrets, log).</summary>
    public string ScenarioDirectory(string slug)
    {
        var path = Path.Combine(Root, slug);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Settings (<c>:</c>-separated) every connector instance in the suite runs with: its own queues per scenario,
    /// ingestion and GitLab budgets out of the way (the scenarios are about faults, not throttling), a 10 s visibility
    /// timeout so a killed worker's messages come back quickly.
    /// </summary>
    public Dictionary<string, string> Settings(string slug, string directory, int port, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Connector:Urls"] = $"http://127.0.0.1:{port}",
            ["Connector:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Connector:AdminKey"] = AdminKey,
            ["Connector:LocalSecretsPath"] = Path.Combine(directory, "secrets.json"),
            ["Connector:AllowInsecureGitLabUrls"] = "true",
            ["Connector:Queues:Events"] = $"{slug}-events-{suffix}",
            ["Connector:Queues:Enriched"] = $"{slug}-enriched-{suffix}",
            ["Connector:Queues:Alerts"] = $"{slug}-alerts-{suffix}",
            ["Connector:Queues:Sync"] = $"{slug}-sync-{suffix}",
            ["Connector:Queues:VisibilityTimeout"] = "00:00:10",
            ["Connector:Enrichment:ClaimLease"] = "00:00:15",
            ["Connector:Queues:MaxPollingInterval"] = "00:00:00.500",
            ["Connector:RateLimit:PermitsPerSecond"] = "100000",
            ["Connector:RateLimit:Burst"] = "100000",
            ["Connector:GitLab:RequestsPerMinute"] = "1000000",
            ["Connector:GitLab:UserRequestsPerTenMinutes"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        return values;
    }

    /// <summary>Starts the connector as a separate process with <paramref name="settings"/> (from <see cref="Settings"/>).</summary>
    public static async Task<ConnectorProcess> StartProcessAsync(IReadOnlyDictionary<string, string> settings, string directory, CancellationToken cancellationToken)
    {
        var environment = settings.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value, StringComparer.Ordinal);
        environment["DOTNET_gcServer"] = "0";
        var process = new ConnectorProcess(environment, new Uri(settings["Connector:Urls"] + "/"), directory);
        await process.StartAsync(cancellationToken);
        return process;
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await GitLab.DisposeAsync();
        Azurite?.Dispose();
        foreach (var folder in Directory.GetDirectories(Root, "azurite-*"))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
