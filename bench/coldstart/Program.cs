using System.Globalization;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using GitLabConnector.Bench.ColdStart;

// Usage: ColdStart [--runs N] [--warmup N] label=path/to/package.zip [label=path/to/other.zip ...] [label+NAME=VALUE ...]
// label+NAME=VALUE sets an environment variable for that variant only (e.g. r2r-nopgo+DOTNET_TieredPGO=0), so
// runtime settings can be compared interleaved against the same package.
// The Deploy issue's goal: first 202 within 300 ms of process start.
const double GoalMs = 300;
var runs = 5;
var warmups = 1;
var packages = new List<(string Label, string Zip)>();
var variantEnvironment = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--warmup": warmups = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
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

            if (parts.Length != 2 || !File.Exists(parts[1]))
            {
                Console.Error.WriteLine($"not label=existing.zip: {args[i]}");
                return 2;
            }

            packages.Add((parts[0], Path.GetFullPath(parts[1])));
            break;
    }
}

if (packages.Count == 0)
{
    Console.Error.WriteLine("usage: ColdStart [--runs N] [--warmup N] label=package.zip ...");
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
        // App settings the host passes on, as infra/ sets them (the trigger bindings' copies of the queue and schedule).
        ["CONNECTOR_EVENTS_QUEUE"] = "gitlab-events",
        ["CONNECTOR_TOKENS_SCHEDULE"] = "0 0 */6 * * *",
    };
    var connection = await ConnectionSeeder.SeedAsync(settings, CancellationToken.None);
    var payload = await File.ReadAllBytesAsync(Path.Combine(root, "Functions.Tests", "Fixtures", "Payloads", "push.json"));

    var variants = new List<Variant>();
    foreach (var (label, zip) in packages)
    {
        var directory = Path.Combine(work.FullName, label);
        ZipFile.ExtractToDirectory(zip, directory);
        var executable = Path.Combine(directory, "GitLabConnector");
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) == 0)
        {
            throw new InvalidOperationException($"{zip}: GitLabConnector lost its executable bit");
        }

        var runSettings = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        foreach (var (name, value) in variantEnvironment.GetValueOrDefault(label) ?? [])
        {
            runSettings[name] = value;
        }

        variants.Add(new Variant(label, zip, directory, new FileInfo(zip).Length, IsReadyToRun(Path.Combine(directory, "GitLabConnector.dll")), runSettings));
    }

    foreach (var variant in variants)
    {
        for (var i = 0; i < warmups; i++)
        {
            await ColdStartRun.MeasureAsync(variant.Directory, variant.Settings, connection, payload, CancellationToken.None);
        }
    }

    // Interleaved, so drift in machine load hits every variant alike.
    for (var run = 1; run <= runs; run++)
    {
        foreach (var variant in variants)
        {
            var result = await ColdStartRun.MeasureAsync(variant.Directory, variant.Settings, connection, payload, CancellationToken.None);
            variant.Results.Add(result);
            Console.WriteLine(FormattableString.Invariant(
                $"{variant.Label,-8} run {run}: ready {result.ReadyMs,6:F0} ms, first 202 {result.First202Ms,6:F0} ms (first webhook request {result.FirstWebhookRequestMs:F0} ms, second {result.SecondWebhookRequestMs:F1} ms)"));
        }
    }

    Console.WriteLine();
    Console.WriteLine(FormattableString.Invariant($"{runs} runs per variant after {warmups} warm-up run(s); median (min–max), ms from process start"));
    Console.WriteLine();
    Console.WriteLine($"| variant | ReadyToRun (app dll) | zip size | GET / answered | first 202 | first 202 p90 | runs with first 202 ≤ {GoalMs} ms | first webhook request | second webhook request |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (var v in variants)
    {
        var first202 = v.Results.Select(r => r.First202Ms).ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"| {v.Label} | {(v.ReadyToRun ? "yes" : "no")} | {v.ZipBytes / 1048576.0:F1} MB | {Stats(v.Results.Select(r => r.ReadyMs))} | {Stats(first202)} | {Percentile(first202, 0.9):F0} | {first202.Count(ms => ms <= GoalMs)} / {first202.Count} | {Stats(v.Results.Select(r => r.FirstWebhookRequestMs))} | {Stats(v.Results.Select(r => r.SecondWebhookRequestMs))} |"));
    }

    if (variants.Count >= 2)
    {
        var baseline = variants[^1];
        foreach (var v in variants.Take(variants.Count - 1))
        {
            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant(
                $"{v.Label} / {baseline.Label}: ready {Median(v.Results.Select(r => r.ReadyMs)) / Median(baseline.Results.Select(r => r.ReadyMs)):F2}, first 202 {Median(v.Results.Select(r => r.First202Ms)) / Median(baseline.Results.Select(r => r.First202Ms)):F2}"));
        }
    }

    return 0;
}
finally
{
    work.Delete(recursive: true);
}

static string Stats(IEnumerable<double> values)
{
    var list = values.ToList();
    return FormattableString.Invariant($"{Median(list):F0} ({list.Min():F0}–{list.Max():F0})");
}

// Nearest-rank percentile.
static double Percentile(IReadOnlyCollection<double> values, double fraction)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
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

internal sealed record Variant(string Label, string Zip, string Directory, long ZipBytes, bool ReadyToRun, IReadOnlyDictionary<string, string> Settings)
{
    public List<ColdStartRun.Result> Results { get; } = [];
}
