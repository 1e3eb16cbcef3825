namespace GitLabConnector.Resilience;

/// <summary>
/// A connector process for one scenario with one connection (made through the admin API against the fake GitLab),
/// its own queues, and the means to restart it with the same settings and data.
/// </summary>
public sealed class ConnectorUnderTest : IDisposable
{
    private ConnectorUnderTest(SuiteEnvironment environment, IReadOnlyDictionary<string, string> settings, string directory, ConnectorProcess process)
    {
        Environment = environment;
        Settings = settings;
        Directory = directory;
        Process = process;
    }

    public SuiteEnvironment Environment { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public string Directory { get; }

    public ConnectorProcess Process { get; private set; }

    public string ConnectionId { get; private set; } = string.Empty;

    public string WebhookSecret { get; private set; } = string.Empty;

    public string Token { get; private set; } = string.Empty;

    public string EventsQueue => Settings["Connector:Queues:Events"];

    public string EnrichedQueue => Settings["Connector:Queues:Enriched"];

    public static async Task<ConnectorUnderTest> StartAsync(SuiteEnvironment environment, string slug, IReadOnlyDictionary<string, string>? overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var directory = environment.ScenarioDirectory(slug);
        var settings = environment.Settings(slug, directory, SuiteEnvironment.FreePort(), overrides);
        var process = await SuiteEnvironment.StartProcessAsync(settings, directory, cancellationToken);
        var connector = new ConnectorUnderTest(environment, settings, directory, process);
        try
        {
            connector.Token = environment.NewGitLabToken();
            using var admin = new AdminClient(process.BaseAddress);
            (connector.ConnectionId, connector.WebhookSecret) = await admin.ConnectAsync(environment.GitLab.BaseUrl, connector.Token, cancellationToken);
            return connector;
        }
        catch
        {
            connector.Dispose();
            throw;
        }
    }

    /// <summary>Starts a new process with the same settings (port, queues, secrets file) after a kill or stop.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        Process.Dispose();
        Process = await SuiteEnvironment.StartProcessAsync(Settings, Directory, cancellationToken);
    }

    public DeliverySender NewSender() => new(Process.BaseAddress, ConnectionId, WebhookSecret);

    public EnrichmentAudit NewAudit() => new(Environment.Tables, Environment.Queues, ConnectionId, EnrichedQueue);

    public AdminClient NewAdmin() => new(Process.BaseAddress);

    public void Dispose() => Process.Dispose();
}
