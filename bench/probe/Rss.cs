using System.Globalization;

namespace GitLabConnector.Probe;

/// <summary>Resident memory of a process (VmRSS from /proc), and a sampler that keeps the peak while a probe runs.</summary>
internal sealed class Rss : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private Rss(int pid)
    {
        _pid = pid;
        Peak = Read(pid);
        _sampling = SampleAsync();
    }

    public long Peak { get; private set; }

    public static Rss Watch(int pid) => new(pid);

    public static long Read(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public static string Mb(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Peak = Math.Max(Peak, Read(_pid));
            try
            {
                await Task.Delay(10, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
