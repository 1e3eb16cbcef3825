using System.Diagnostics;
using System.Text;

namespace GitLabConnector.Bench.ColdStart;

/// <summary>
/// One start of an unzipped package's executable with only the environment a host would give it (nothing from this
/// shell's Connector__/ASPNETCORE_/DOTNET_/AzureFunctionsJobHost__ variables); keeps its output for error messages and
/// reads its resident memory.
/// </summary>
internal sealed class PackageProcess : IDisposable
{
    private static readonly string[] InheritedPrefixes = ["Connector__", "ASPNETCORE_", "DOTNET_", "AzureFunctionsJobHost__", "Functions__", "FUNCTIONS_", "APPLICATIONINSIGHTS_", "OTEL_"];
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PackageProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static PackageProcess Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(executable),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new PackageProcess(Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start"));
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Resident set size (VmRSS) after <paramref name="settle"/> of idling; NaN if the process has exited.</summary>
    public async Task<double> ResidentMegabytesAfterAsync(TimeSpan settle, CancellationToken cancellationToken)
    {
        if (settle <= TimeSpan.Zero)
        {
            return double.NaN;
        }

        await Task.Delay(settle, cancellationToken);
        _process.Refresh();
        return _process.HasExited ? double.NaN : _process.WorkingSet64 / 1048576.0;
    }

    public InvalidOperationException Failure(string what, Exception? inner = null) =>
        new($"{what}\nprocess output:\n{Output}", inner);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
