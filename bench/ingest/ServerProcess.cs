using System.Diagnostics;

namespace GitLabConnector.Bench.Ingest;

/// <summary>
/// A server under test in its own <c>dotnet</c> process, as the product runs. Its console output goes straight to a
/// log file (through <c>sh -c exec</c>, so the pid is the server's and the generator spends nothing draining it).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(string name, Process process, Uri baseAddress, string logFile)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        LogFile = logFile;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public Uri BaseAddress { get; }

    public string LogFile { get; }

    public static async Task<ServerProcess> StartAsync(
        string name, string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, Uri baseAddress, string workDirectory)
    {
        var logFile = Path.Combine(workDirectory, name + ".log");
        // Content root = the app's own folder, as when deployed, so its appsettings.json (log levels) applies.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))! };
        foreach (var argument in (string[])["-c", "exec \"$0\" \"$@\" >\"$LOG_FILE\" 2>&1", "dotnet", dll, .. args])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LOG_FILE"] = logFile;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        var server = new ServerProcess(name, process, baseAddress, logFile);
        await server.WaitUntilReadyAsync();
        return server;
    }

    public ProcessSample Sample() => _process.HasExited
        ? throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}; its log: {LogFile}")
        : ProcFs.Sample(Pid);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                // Any answer means it listens (the connector no longer serves GET /: that was the custom handler's readiness probe).
                using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no log)";
        throw new InvalidOperationException($"{Name} did not become ready; its log:\n{log}");
    }
}
