using System.Diagnostics;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Resilience;

/// <summary>
/// The standalone connector as its own OS process (<c>dotnet Functions/bin/&lt;config&gt;/net10.0/GitLabConnector.dll</c>),
/// configured through environment variables, with its output appended to a log file. <see cref="Kill"/> is SIGKILL.
/// </summary>
public sealed class ConnectorProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _workingDirectory;
    private readonly string _logPath;
    private Process? _process;

    public ConnectorProcess(IReadOnlyDictionary<string, string> environment, Uri baseAddress, string workingDirectory)
    {
        _environment = environment;
        BaseAddress = baseAddress;
        _workingDirectory = workingDirectory;
        _logPath = Path.Combine(workingDirectory, "connector.log");
    }

    public Uri BaseAddress { get; }

    public string LogPath => _logPath;

    /// <summary>
    /// Storage failures the connector logged (receive, visibility renewal or settle failed; an event attempt failed on a
    /// storage error). Under load a saturated Azurite times out without any injected fault: such a failure between
    /// publishing and marking done republishes a record, which is the documented at-least-once window, not a defect.
    /// </summary>
    public int StorageFailuresLogged()
    {
        if (!File.Exists(_logPath))
        {
            return 0;
        }

        using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (IsStorageFailure(line))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsStorageFailure(string line) =>
        line.Contains("\"EventId\":1312,", StringComparison.Ordinal) ||
        line.Contains("\"EventId\":1315,", StringComparison.Ordinal) ||
        line.Contains("\"EventId\":1316,", StringComparison.Ordinal) ||
        (line.Contains("\"EventId\":1454,", StringComparison.Ordinal) && line.Contains("RequestFailedException", StringComparison.Ordinal));

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public bool IsAlive => _process is { HasExited: false };

    public static string ApplicationPath
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var path = Path.Combine(AzuriteFixture.FindRepositoryRoot(), "Functions", "bin", configuration, "net10.0", "GitLabConnector.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build connector.sln -c {configuration} first");
        }
    }

    /// <summary>Starts the process and waits until <c>GET /api/health</c> answers (any status).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _workingDirectory,
        };
        start.ArgumentList.Add(ApplicationPath);
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(_logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) =>
        {
            lock (log)
            {
                log.Dispose();
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the connector exited with {process.ExitCode} at start-up; see {_logPath}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (deadline.Elapsed > ReadyTimeout)
                {
                    throw new TimeoutException($"the connector did not answer within {ReadyTimeout}; see {_logPath}", e);
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, in-flight messages stay invisible until their visibility timeout lapses.</summary>
    public void Kill()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    /// <summary>Graceful stop (SIGTERM), then SIGKILL if it takes longer than 30 s.</summary>
    public void Stop()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            term?.WaitForExit(5_000);
            process.WaitForExit(30_000);
        }

        Kill();
    }

    public ProcessSample? Sample() => ProcessId is { } id ? ProcessSample.Read(id) : null;

    public void Dispose() => Stop();

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
