using System.Net;
using System.Net.Sockets;
using GitLabConnector.Hosting.Standalone;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Fixtures;

/// <summary>
/// The whole connector app, built exactly as Program builds it, listening on a free loopback port with real Kestrel.
/// Storage is the shared Azurite; secrets default to a temporary local file store (or the fake Key Vault when a
/// SecretClient is registered). Settings and services can be overridden per test.
/// </summary>
public sealed class ConnectorAppHost : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private ConnectorAppHost(WebApplication app, Uri baseAddress, string dataDirectory)
    {
        App = app;
        BaseAddress = baseAddress;
        _dataDirectory = dataDirectory;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <param name="azurite">Storage.</param>
    /// <param name="settings">Extra settings (<c>:</c>-separated keys), applied last.</param>
    /// <param name="services">Service overrides, applied before the app's own registrations (which use TryAdd where overridable).</param>
    /// <param name="workers">Run the standalone queue consumers and timers (off by default so tests can inspect queues).</param>
    public static async Task<ConnectorAppHost> StartAsync(
        AzuriteFixture azurite,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<IServiceCollection>? services = null,
        bool workers = false)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        // A free port is not a reserved one: another server started in parallel may take it first, so retry on a fresh port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnPortAsync(azurite, LoopbackPorts.Free(), settings, services, workers).ConfigureAwait(false);
            }
            catch (IOException e) when (attempt < 3 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static async Task<ConnectorAppHost> StartOnPortAsync(
        AzuriteFixture azurite,
        int port,
        IEnumerable<KeyValuePair<string, string?>>? settings,
        Action<IServiceCollection>? services,
        bool workers)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "connector-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Connector:Urls"] = $"http://127.0.0.1:{port}",
            ["Connector:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Connector:LocalSecretsPath"] = Path.Combine(dataDirectory, "secrets.json"),
            ["Connector:AdminKey"] = AdminKey,
            ["Connector:AllowInsecureGitLabUrls"] = "true",
            ["Connector:Workers"] = workers ? "true" : "false",
            ["Connector:Queues:MaxPollingInterval"] = "00:00:00.200",
            ["Connector:Queues:RetryDelay"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var app = StandaloneApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            services?.Invoke(builder.Services);
        });
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }

        return new ConnectorAppHost(app, new Uri($"http://127.0.0.1:{port}/"), dataDirectory);
    }

    public const string AdminKey = "test-admin-key";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

}
