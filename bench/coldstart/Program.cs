using System.Globalization;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using Azure.Storage.Queues;
using GitLabConnector.Bench.ColdStart;

// Usage: ColdStart [--runs N] [--warmup N] [--rss-after MS] [--baseline LABEL]
//                  label=worker:path/to/package.zip | label=standalone:path/to/package.zip ... [label+NAME=VALUE ...]
// worker: started as the Functions host starts its isolated worker, timed to its gRPC connection (WorkerStartRun).
// standalone: started without the host's arguments, timed to the first 202 on the webhook route (StandaloneStartRun).
// label+NAME=VALUE sets an environment variable for that variant only, so runtime settings can be compared interleaved.
// Goals (issue 13): worker start-up ≤ 1.2 × the baseline worker's median; standalone first 202 ≤ 300 ms median.
const double WorkerGoalRatio = 1.2;
const double StandaloneGoalMs = 300;
const string EventsQueue = "gitlab-events";
var runs = 30;
var warmups = 1;
var rssSettle = TimeSpan.FromMilliseconds(1000);
string? baselineLabel = null;
var specs = new List<(string Label, string Kind, string Zip)>();
var variantEnvironment = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--warmup": warmups = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--rss-after": rssSettle = TimeSpan.FromMilliseconds(int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
        case "--baseline": baselineLabel = args[++i]; break;
        default:
            var parts = args[i].Split('=', 2);
            if (parts.Length == 2 && parts[0].Split('+', 2) is [var envLabel, var name])
            {
                if (!variantEnvironment.TryGetValue(envLabel, out var environment))
                {
                    variantEnvironment[envLabel] = environment = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                environment[name] = parts[1];
                break;
            }

            if (parts.Length != 2 || parts[1].Split(':', 2) is not [var kind and ("worker" or "standalone"), var zip] || !File.Exists(zip))
            {
                Console.Error.WriteLine($"not label=worker:existing.zip or label=standalone:existing.zip: {args[i]}");
                return 2;
            }

            specs.Add((parts[0], kind, Path.GetFullPath(zip)));
            break;
    }
}

if (specs.Count == 0)
{
    Console.Error.WriteLine("usage: ColdStart [--runs N] [--warmup N] [--rss-after MS] [--baseline LABEL] label=worker:package.zip label=standalone:package.zip ...");
    return 2;
}

var root = RepositoryRoot();
var work = Directory.CreateTempSubdirectory("coldstart-");
try
{
    using var azurite = AzuriteProcess.Start(root);
    var settings = new Dictionary<string, string>
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["Connector__LocalSecretsPath"] = Path.Combine(work.FullName, "secrets.json"),
        ["Connector__PublicBaseUrl"] = "https://connector.example",
        // App settings as infra/ sets them (the trigger bindings read the queue and schedule from them).
        ["CONNECTOR_EVENTS_QUEUE"] = EventsQueue,
        ["CONNECTOR_TOKENS_SCHEDULE"] = "0 0 */6 * * *",
    };
    var connection = await ConnectionSeeder.SeedAsync(settings, CancellationToken.None);
    var payload = await File.ReadAllBytesAsync(Path.Combine(root, "Functions.Tests", "Fixtures", "Payloads", "push.json"));
    var events = new QueueClient(azurite.ConnectionString, EventsQueue);
    await events.CreateIfNotExistsAsync();

    var variants = new List<Variant>();
    foreach (var (label, kind, zip) in specs)
    {
        var directory = Path.Combine(work.FullName, label);
        ZipFile.ExtractToDirectory(zip, directory);
        var executable = WorkerExecutable(directory);
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) == 0)
        {
            throw new InvalidOperationException($"{zip}: {Path.GetFileName(executable)} lost its executable bit");
        }

        var runSettings = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        foreach (var (name, value) in variantEnvironment.GetValueOrDefault(label) ?? [])
        {
            runSettings[name] = value;
        }

        variants.Add(new Variant(label, kind, executable, new FileInfo(zip).Length, IsReadyToRun(executable + ".dll"), runSettings));
    }

    async Task<Sample> MeasureAsync(Variant variant)
    {
        if (variant.Kind == "worker")
        {
            var worker = await WorkerStartRun.MeasureAsync(variant.Executable, variant.Settings, rssSettle, CancellationToken.None);
            return new Sample(worker.AcceptMs, worker.PrefaceMs, worker.ResidentMegabytes);
        }

        var standalone = await StandaloneStartRun.MeasureAsync(variant.Executable, variant.Settings, connection, payload, rssSettle, CancellationToken.None);
        // Every standalone start begins with an empty events queue, as an idle instance would find it.
        await events.ClearMessagesAsync();
        return new Sample(standalone.First202Ms, standalone.SecondWebhookRequestMs, standalone.ResidentMegabytes);
    }

    // One unmeasured start per variant first, so no variant pays alone for reading its files into the page cache.
    foreach (var variant in variants)
    {
        for (var i = 0; i < warmups; i++)
        {
            await MeasureAsync(variant);
        }
    }

    // Interleaved, so drift in machine load hits every variant alike.
    for (var run = 1; run <= runs; run++)
    {
        foreach (var variant in variants)
        {
            var sample = await MeasureAsync(variant);
            variant.Samples.Add(sample);
            Console.WriteLine(variant.Kind == "worker"
                ? FormattableString.Invariant($"{variant.Label,-12} run {run,2}: connection accepted {sample.Primary,6:F0} ms, HTTP/2 preface {sample.Secondary,6:F0} ms, RSS {sample.ResidentMegabytes:F0} MB")
                : FormattableString.Invariant($"{variant.Label,-12} run {run,2}: first 202 {sample.Primary,6:F0} ms, second request {sample.Secondary,5:F1} ms, RSS {sample.ResidentMegabytes:F0} MB"));
        }
    }

    Console.WriteLine();
    Console.WriteLine(FormattableString.Invariant($"{runs} interleaved runs per variant after {warmups} warm-up run(s); ms from process start: median, p90, min–max; RSS {rssSettle.TotalMilliseconds:F0} ms after start-up, median"));
    var workers = variants.Where(v => v.Kind == "worker").ToList();
    if (workers.Count > 0)
    {
        var baseline = workers.FirstOrDefault(v => v.Label == baselineLabel);
        Console.WriteLine();
        Console.WriteLine("Worker start-up (process start → the host's gRPC endpoint):");
        Console.WriteLine();
        Console.WriteLine($"| variant | ReadyToRun | zip | connection accepted | p90 | min–max | HTTP/2 preface | p90 | min–max | RSS idle | preface / {baseline?.Label ?? "-"} |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var v in workers)
        {
            var accept = v.Samples.Select(s => s.Primary).ToList();
            var preface = v.Samples.Select(s => s.Secondary).ToList();
            var ratio = baseline is null ? "-" : FormattableString.Invariant($"{Median(preface) / Median(baseline.Samples.Select(s => s.Secondary)):F2}");
            Console.WriteLine(FormattableString.Invariant(
                $"| {v.Label} | {(v.ReadyToRun ? "yes" : "no")} | {v.ZipBytes / 1048576.0:F1} MB | {Median(accept):F0} | {Percentile(accept, 0.9):F0} | {accept.Min():F0}–{accept.Max():F0} | {Median(preface):F0} | {Percentile(preface, 0.9):F0} | {preface.Min():F0}–{preface.Max():F0} | {Median(v.Samples.Select(s => s.ResidentMegabytes)):F0} MB | {ratio} |"));
        }

        if (baseline is not null)
        {
            Console.WriteLine();
            foreach (var v in workers.Where(v => v != baseline))
            {
                var ratio = Median(v.Samples.Select(s => s.Secondary)) / Median(baseline.Samples.Select(s => s.Secondary));
                // Paired: each run's ratio to the baseline's start in the same round, so load drift between rounds cancels.
                var paired = Median(v.Samples.Zip(baseline.Samples, (a, b) => a.Secondary / b.Secondary));
                Console.WriteLine(FormattableString.Invariant(
                    $"{v.Label} / {baseline.Label}: HTTP/2 preface {ratio:F2} (paired per run {paired:F2}), connection accepted {Median(v.Samples.Select(s => s.Primary)) / Median(baseline.Samples.Select(s => s.Primary)):F2} (goal ≤ {WorkerGoalRatio:F1}: {(ratio <= WorkerGoalRatio ? "met" : "not met")})"));
            }
        }
    }

    var standalones = variants.Where(v => v.Kind == "standalone").ToList();
    if (standalones.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine("Standalone (process start → first 202 on POST /api/webhooks/gitlab/{id}):");
        Console.WriteLine();
        Console.WriteLine($"| variant | ReadyToRun | first 202 | p90 | min–max | runs ≤ {StandaloneGoalMs} ms | second request | RSS idle |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var v in standalones)
        {
            var first = v.Samples.Select(s => s.Primary).ToList();
            Console.WriteLine(FormattableString.Invariant(
                $"| {v.Label} | {(v.ReadyToRun ? "yes" : "no")} | {Median(first):F0} | {Percentile(first, 0.9):F0} | {first.Min():F0}–{first.Max():F0} | {first.Count(ms => ms <= StandaloneGoalMs)} / {first.Count} | {Median(v.Samples.Select(s => s.Secondary)):F1} | {Median(v.Samples.Select(s => s.ResidentMegabytes)):F0} MB |"));
        }

        Console.WriteLine();
        foreach (var v in standalones.Skip(1))
        {
            var paired = Median(standalones[0].Samples.Zip(v.Samples, (a, b) => a.Primary / b.Primary));
            Console.WriteLine(FormattableString.Invariant(
                $"{standalones[0].Label} / {v.Label}: first 202 {Median(standalones[0].Samples.Select(s => s.Primary)) / Median(v.Samples.Select(s => s.Primary)):F2} (paired per run {paired:F2})"));
        }
    }

    return 0;
}
finally
{
    work.Delete(recursive: true);
}

// Nearest-rank percentile.
static double Percentile(IReadOnlyCollection<double> values, double fraction)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
    return sorted.Length == 0 ? double.NaN
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

// What the host runs: worker.config.json's defaultExecutablePath, {WorkerRoot} being the package root. Packages from
// before the isolated worker (custom handler, no worker.config.json) run GitLabConnector.
static string WorkerExecutable(string directory)
{
    if (!File.Exists(Path.Combine(directory, "worker.config.json")))
    {
        return Path.Combine(directory, "GitLabConnector");
    }

    using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "worker.config.json")));
    var path = config.RootElement.GetProperty("description").GetProperty("defaultExecutablePath").GetString()
        ?? throw new InvalidOperationException("worker.config.json has no defaultExecutablePath");
    return Path.GetFullPath(path.Replace("{WorkerRoot}", directory.TrimEnd('/') + "/", StringComparison.Ordinal));
}

static bool IsReadyToRun(string assembly)
{
    using var stream = File.OpenRead(assembly);
    using var reader = new PEReader(stream);
    return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "connector.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("connector.sln not found");
}

/// <summary>One start's numbers: worker — accepted, preface; standalone — first 202, second request.</summary>
internal sealed record Sample(double Primary, double Secondary, double ResidentMegabytes);

internal sealed record Variant(string Label, string Kind, string Executable, long ZipBytes, bool ReadyToRun, IReadOnlyDictionary<string, string> Settings)
{
    public List<Sample> Samples { get; } = [];
}
