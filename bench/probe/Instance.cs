using System.Diagnostics;

namespace GitLabConnector.Probe;

/// <summary>
/// A private Azurite (its own ports and folder, request log in <c>azurite-debug.log</c>) and the standalone connector as
/// its own process on a loopback port, configured through environment variables only.
/// </summary>
internal sealed class Instance : IAsyncDisposable
{
    public const string AdminKey = "probe-admin-key-not-the-sample";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string _app;
    private readonly string _work;
    private readonly Process _azurite;
    private readonly string _storage;
    private Process? _connector;

    private Instance(string app, string work, Process azurite, string storage)
    {
        _app = app;
        _work = work;
        _azurite = azurite;
        _storage = storage;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public int ProcessId => _connector?.Id ?? throw new InvalidOperationException("not started");

    public string AzuriteLog => Path.Combine(_work, "azurite-debug.log");

    public string ConnectorLog => Path.Combine(_work, "connector.log");

    public static async Task<Instance> StartAsync(string repositoryRoot, string app, string work)
    {
        Directory.CreateDirectory(work);
        int blob = Loopback.FreePort(), queue = Loopback.FreePort(), table = Loopback.FreePort();
        var azurite = Process.Start(new ProcessStartInfo(Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite"))
        {
            ArgumentList =
            {
                "--silent", "--skipApiVersionCheck", "--loose",
                "--location", Path.Combine(work, "azurite"), "--debug", Path.Combine(work, "azurite-debug.log"),
                "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("azurite did not start");
        azurite.OutputDataReceived += (_, _) => { };
        azurite.ErrorDataReceived += (_, _) => { };
        azurite.BeginOutputReadLine();
        azurite.BeginErrorReadLine();
        var storage = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1";
        var instance = new Instance(app, work, azurite, storage);
        foreach (var port in new[] { blob, queue, table })
        {
            await WaitForPortAsync(port);
        }

        return instance;
    }

    /// <summary>Starts (or restarts) the connector and waits until <c>GET /api/health</c> answers.</summary>
    public async Task StartConnectorAsync(bool allowInsecureGitLabUrls)
    {
        await StopConnectorAsync();
        var port = Loopback.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _work, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(_app);
        start.Environment["AzureWebJobsStorage"] = _storage;
        start.Environment["Connector__Urls"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Connector__PublicBaseUrl"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Connector__AdminKey"] = AdminKey;
        start.Environment["Connector__AllowInsecureGitLabUrls"] = allowInsecureGitLabUrls ? "true" : "false";
        start.Environment["Connector__LocalSecretsPath"] = Path.Combine(_work, "secrets", "secrets.json");
        start.Environment["Connector__Workers"] = "false";
        // Long enough that the 10,000-id probe cannot outlast it: what it measures is eviction, not expiry.
        start.Environment["Connector__ConnectionCacheTtl"] = "00:05:00";
        start.Environment["Logging__Console__FormatterName"] = "json";
        _connector = Process.Start(start) ?? throw new InvalidOperationException("connector did not start");
        var log = new StreamWriter(ConnectorLog, append: true) { AutoFlush = true };
        _connector.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _connector.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _connector.BeginOutputReadLine();
        _connector.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/api/health"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        throw new InvalidOperationException($"the connector did not answer within 60 s; see {ConnectorLog}");
    }

    private static async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopConnectorAsync();
        _azurite.Kill(entireProcessTree: true);
        await _azurite.WaitForExitAsync();
        _azurite.Dispose();
    }

    private async Task StopConnectorAsync()
    {
        if (_connector is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            _connector = null;
        }
    }
}
