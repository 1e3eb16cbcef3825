using System.Globalization;

namespace GitLabConnector.Bench.Ingest;

/// <summary>CPU time and memory of a process at one instant, from /proc.</summary>
public sealed record ProcessSample(double CpuSeconds, long WorkingSetBytes, long PeakWorkingSetBytes);

/// <summary>Reads /proc (Linux): CPU time (utime + stime), working set (VmRSS) and its peak (VmHWM).</summary>
public static class ProcFs
{
    // USER_HZ: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static ProcessSample Sample(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields overall.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line);
            }
        }

        return new ProcessSample(ticks / TicksPerSecond, rss, hwm);
    }

    /// <summary>The process whose command line holds <paramref name="argument"/> followed by <paramref name="value"/> (e.g. Azurite's queue port).</summary>
    public static int? FindByArgument(string argument, string value)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var parts = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                var index = Array.IndexOf(parts, argument);
                if (index >= 0 && index + 1 < parts.Length && parts[index + 1] == value && parts[0].Contains("node", StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
