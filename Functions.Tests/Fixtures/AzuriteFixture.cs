using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GitLabConnector.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Fixtures;

/// <summary>
/// Runs the repository's pinned Azurite (<c>node_modules/.bin/azurite</c>) on free loopback ports.
/// Shared by every test in the <c>"azurite"</c> collection; tests isolate themselves with unique queue/table/container names.
/// <see cref="Stop"/> then <see cref="Start"/> restarts on the same ports (for outage tests). With the default in-memory
/// persistence a restart loses all data (Stop kills the process tree at once); an instance started with a location
/// (<see cref="StartNew"/>) is stopped with SIGTERM first so Azurite saves its data, which survives the restart.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private readonly string? _location;
    private Process? _process;
    private bool _started;

    /// <summary>In-memory Azurite (what xunit constructs for the collection).</summary>
    public AzuriteFixture()
        : this(location: null)
    {
    }

    private AzuriteFixture(string? location)
    {
        _location = location;
        PickPorts();
    }

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{StorageAccount.DevelopmentAccountName}");

    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{StorageAccount.DevelopmentAccountName}");

    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{StorageAccount.DevelopmentAccountName}");

    /// <summary>A full dev-account connection string with explicit endpoints (what <c>AzureWebJobsStorage</c> would hold).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={StorageAccount.DevelopmentAccountName};AccountKey={StorageAccount.DevelopmentAccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a separate instance (not the shared one), optionally persisting to <paramref name="location"/> instead of memory.</summary>
    public static AzuriteFixture StartNew(string? location = null)
    {
        var fixture = new AzuriteFixture(location);
        fixture.Start();
        return fixture;
    }

    /// <summary>Configuration with <c>AzureWebJobsStorage</c> pointing here, plus <paramref name="extra"/> settings (keys use ':').</summary>
    public IConfiguration CreateConfiguration(IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        var values = new Dictionary<string, string?> { [StorageAccount.SettingName] = ConnectionString };
        foreach (var (key, value) in extra ?? [])
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    /// <summary>A service provider with <c>AddStorage</c> bound to this Azurite (the SDK clients, IQueueService, IBlobService, ILeaseStore).</summary>
    public ServiceProvider CreateStorageServices(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        configure?.Invoke(services);
        services.AddStorage(CreateConfiguration());
        return services.BuildServiceProvider();
    }

    /// <summary>SDK clients for this Azurite, configured as <c>AddStorage</c> configures them (base64 queue messages, short retries).</summary>
    public QueueServiceClient CreateQueueServiceClient(IConfiguration? configuration = null) =>
        new(ConnectionString, StorageClientDefaults.Apply(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, configuration ?? CreateConfiguration()));

    public TableServiceClient CreateTableServiceClient(IConfiguration? configuration = null) =>
        new(ConnectionString, StorageClientDefaults.Apply(new TableClientOptions(), configuration ?? CreateConfiguration()));

    public BlobServiceClient CreateBlobServiceClient(IConfiguration? configuration = null) =>
        new(ConnectionString, StorageClientDefaults.Apply(new BlobClientOptions(), configuration ?? CreateConfiguration()));

    public QueueService CreateQueueService() => new(CreateQueueServiceClient());

    public BlobService CreateBlobService() => new(CreateBlobServiceClient());

    /// <summary>A fresh queue or container name (lowercase, hyphens, 3–63 characters).</summary>
    public static string NewQueueName(string prefix = "q") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];

    /// <summary>A fresh table name (letters and digits only, starting with a letter).</summary>
    public static string NewTableName(string prefix = "t") => $"{prefix}{Guid.NewGuid():N}";

    /// <summary>
    /// Starts Azurite. The first start may lose a race for its ports to another process (they are free when picked, not
    /// reserved): it then retries on fresh ports. A restart keeps its ports, which outage tests depend on.
    /// </summary>
    public void Start()
    {
        if (IsRunning)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                StartOnce();
                _started = true;
                return;
            }
            catch (InvalidOperationException) when (!_started && attempt < 3 && Output().Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                PickPorts();
            }
        }
    }

    private void PickPorts()
    {
        var ports = LoopbackPorts.Free(3);
        (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
    }

    private void StartOnce()
    {

        var executable = Path.Combine(FindRepositoryRoot(), "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("Azurite is not installed: run `npm ci` in the repository root");
        }

        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        lock (_output)
        {
            _output.Clear();
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!(LoopbackPorts.Accepts(BlobPort) && LoopbackPorts.Accepts(QueuePort) && LoopbackPorts.Accepts(TablePort)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var exited = process.HasExited;
                Stop();
                throw new InvalidOperationException(
                    $"Azurite {(exited ? "exited" : "did not open its ports in time")}; output:\n{Output()}");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Kills Azurite (the whole process tree); the ports then refuse connections until <see cref="Start"/>.</summary>
    public void Stop()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            // On disk, Azurite saves its metadata on SIGTERM; killing it outright would lose the last writes.
            if (_location is not null && !process.HasExited)
            {
                SendTerminate(process.Id);
                process.WaitForExit(10_000);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    public Task InitializeAsync() => Task.Run(Start);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => Stop();

    /// <summary>Walks up from the test binaries to the folder holding <c>connector.sln</c>.</summary>
    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "connector.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"connector.sln not found above {AppContext.BaseDirectory}");
    }

    private IEnumerable<string> Arguments()
    {
        yield return "--silent";
        if (_location is null)
        {
            yield return "--inMemoryPersistence";
        }
        else
        {
            Directory.CreateDirectory(_location);
            yield return "--location";
            yield return _location;
        }

        foreach (var argument in new[]
                 {
                     "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                 })
        {
            yield return argument;
        }

        yield return "--blobPort";
        yield return BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--queuePort";
        yield return QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--tablePort";
        yield return TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void SendTerminate(int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        });
        kill?.WaitForExit(5_000);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
