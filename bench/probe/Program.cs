using GitLabConnector.Probe;

// Usage: dotnet run -c Release --project bench/probe -- [--app <GitLabConnector.dll>] [--out <results.md>]
//        [--only signed,bad,admin,health,gitlab,ids,loopback]
// Loopback only: a private Azurite, a stand-in GitLab and the connector as its own process.
var root = FindRepositoryRoot();
var app = Argument("--app") ?? Path.Combine(root, "Functions", "bin", "Release", "net10.0", "GitLabConnector.dll");
var output = Argument("--out");
var work = Path.Combine(Path.GetTempPath(), "connector-probe-" + Guid.NewGuid().ToString("N")[..8]);
Console.WriteLine($"app {app}; work folder {work}; load average {File.ReadAllText("/proc/loadavg").Trim()}");

await using var gitLab = await FakeGitLab.StartAsync();
await using var instance = await Instance.StartAsync(root, app, work);
await instance.StartConnectorAsync(allowInsecureGitLabUrls: true);
using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
var deliveries = await Deliveries.ConnectAsync(http, instance.BaseAddress, gitLab.BaseUrl);
Console.WriteLine($"connection {deliveries.ConnectionId}; warm-up delivery {await deliveries.SendGenuineAsync()}");
Deliveries Current() => deliveries.At(instance.BaseAddress);

var probes = new Probes(instance, gitLab, http, Current);
var only = Argument("--only")?.Split(',') ?? [];
bool Runs(string name) => only.Length == 0 || only.Contains(name, StringComparer.OrdinalIgnoreCase);
if (Runs("signed")) await probes.SignedBodiesAsync();
if (Runs("bad")) await probes.BadCredentialsAsync();
if (Runs("admin")) await probes.AdminWithoutKeyAsync();
if (Runs("admin")) await probes.AdminMalformedWithoutKeyAsync();
if (Runs("health")) await probes.AnonymousHealthAsync();
if (Runs("gitlab")) await probes.HugeGitLabAsync();
if (Runs("ids")) await probes.RandomIdsAsync();
if (Runs("loopback")) await probes.LoopbackAfterDisallowAsync();
Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");

if (output is not null)
{
    var lines = new List<string> { "| probe | measure | value |", "|---|---|---|" };
    lines.AddRange(probes.Rows.Select(r => $"| {r.Probe} | {r.Measure} | {r.Value.Replace("|", "\\|", StringComparison.Ordinal)} |"));
    await File.WriteAllLinesAsync(output, lines);
}

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "connector.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the repository (connector.sln not found above the probe)");
}
