using System.Globalization;

namespace GitLabConnector.Resilience;

/// <summary>Resident memory, thread count and open file descriptors of a process, read from /proc (Linux).</summary>
public sealed record ProcessSample(long RssBytes, int Threads, int Handles)
{
    public static ProcessSample? Read(int processId)
    {
        try
        {
            long rss = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                }
            }

            var handles = Directory.GetFileSystemEntries($"/proc/{processId}/fd").Length;
            return new ProcessSample(rss, threads, handles);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"RSS {RssBytes / (1024.0 * 1024):0} MiB, {Threads} threads, {Handles} fds");
}
