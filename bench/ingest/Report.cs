using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace GitLabConnector.Bench.Ingest;

/// <summary>The Markdown report: machine, settings, one row per measured window plus pooled rows, ratios and goals.</summary>
public sealed record Report(
    BenchSettings Settings,
    int PayloadBytes,
    int AppMessageBytes,
    int BaselineMessageBytes,
    IReadOnlyList<Measurement> Measurements,
    ProcessSample AppMemory,
    ProcessSample BaselineMemory,
    IReadOnlyDictionary<string, long> AppFailures,
    IReadOnlyDictionary<string, long> BaselineFailures)
{
    public const double ThroughputGoal = 0.8;
    public const double P99GoalMs = 20;

    public string ToMarkdown()
    {
        var s = new StringBuilder();
        s.AppendLine(Invariant($"Machine: {Environment.ProcessorCount} CPUs ({CpuModel()}), {RuntimeInformation.FrameworkDescription}, Linux {Read("/proc/sys/kernel/osrelease")}."));
        s.AppendLine(Invariant($"Settings: open loop {Settings.Rate:0} req/s for {Settings.OpenSeconds:0.#} s; closed loop {Settings.Concurrency} workers for {Settings.ClosedSeconds:0.#} s; warm-up {Settings.WarmupSeconds:0.#} s before each window; {Settings.Rounds} round(s), order alternating."));
        s.AppendLine(Invariant($"Payload {PayloadBytes} B; queue message (before base64) app {AppMessageBytes} B, baseline {BaselineMessageBytes} B."));
        s.AppendLine();
        s.AppendLine("| scenario | target | round | accepted | failed | req/s | p50 ms | p90 ms | p99 ms | max ms | server CPU ms/req | Azurite CPU ms/req | generator lag p99 ms |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in new[] { Scenario.Open, Scenario.Closed })
        {
            foreach (var target in new[] { "baseline", "app" })
            {
                var rows = Measurements.Where(m => m.Scenario == scenario && m.Target == target).OrderBy(m => m.Round).ToList();
                foreach (var row in rows)
                {
                    Row(s, scenario, target, row.Round.ToString(CultureInfo.InvariantCulture), Stats.Of([row]));
                }

                if (rows.Count > 1)
                {
                    Row(s, scenario, target, "**all**", Stats.Of(rows));
                }
            }
        }

        var openApp = Pooled(Scenario.Open, "app");
        var openBase = Pooled(Scenario.Open, "baseline");
        var closedApp = Pooled(Scenario.Closed, "app");
        var closedBase = Pooled(Scenario.Closed, "baseline");
        var throughputRatio = closedApp.RequestsPerSecond / closedBase.RequestsPerSecond;
        s.AppendLine();
        s.AppendLine("| ratio (app / baseline) | value | per round |");
        s.AppendLine("|---|---:|---|");
        RatioRow(s, "max throughput (closed loop req/s)", Scenario.Closed, st => st.RequestsPerSecond);
        RatioRow(s, Invariant($"p50 at {Settings.Rate:0} req/s"), Scenario.Open, st => st.P50);
        RatioRow(s, Invariant($"p99 at {Settings.Rate:0} req/s"), Scenario.Open, st => st.P99);
        RatioRow(s, Invariant($"server CPU per request at {Settings.Rate:0} req/s"), Scenario.Open, st => st.ServerCpuMsPerRequest);
        RatioRow(s, "server CPU per request at max throughput", Scenario.Closed, st => st.ServerCpuMsPerRequest);
        s.AppendLine();
        s.AppendLine(Invariant($"Memory: peak working set (VmHWM) app {Mib(AppMemory.PeakWorkingSetBytes)} MiB (at end {Mib(AppMemory.WorkingSetBytes)} MiB), baseline {Mib(BaselineMemory.PeakWorkingSetBytes)} MiB (at end {Mib(BaselineMemory.WorkingSetBytes)} MiB)."));
        s.AppendLine(Invariant($"Failures: app {Describe(AppFailures)}; baseline {Describe(BaselineFailures)}."));
        s.AppendLine();
        s.AppendLine(Invariant($"Goal throughput ≥ {ThroughputGoal:0.0} × baseline: {throughputRatio:0.00} × → {(throughputRatio >= ThroughputGoal ? "met" : "MISSED")}."));
        s.AppendLine(Invariant($"Goal p99 ≤ {P99GoalMs:0} ms at {Settings.Rate:0} req/s: app p99 {openApp.P99:0.0} ms (baseline {openBase.P99:0.0} ms) → {(openApp.P99 <= P99GoalMs ? "met" : "MISSED")}."));
        return s.ToString();
    }

    private Stats Pooled(Scenario scenario, string target) =>
        Stats.Of(Measurements.Where(m => m.Scenario == scenario && m.Target == target).ToList());

    private void RatioRow(StringBuilder s, string label, Scenario scenario, Func<Stats, double> value)
    {
        var all = value(Pooled(scenario, "app")) / value(Pooled(scenario, "baseline"));
        var rounds = Measurements.Where(m => m.Scenario == scenario).Select(m => m.Round).Distinct().Order().Select(round =>
            value(Stats.Of([.. Measurements.Where(m => m.Scenario == scenario && m.Round == round && m.Target == "app")])) /
            value(Stats.Of([.. Measurements.Where(m => m.Scenario == scenario && m.Round == round && m.Target == "baseline")])));
        s.AppendLine(Invariant($"| {label} | {all:0.00} | {string.Join(", ", rounds.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))} |"));
    }

    private static void Row(StringBuilder s, Scenario scenario, string target, string round, Stats st) =>
        s.AppendLine(Invariant(
            $"| {(scenario == Scenario.Open ? "open" : "closed")} | {target} | {round} | {st.Accepted} | {st.Failed} | {st.RequestsPerSecond:0} | {st.P50:0.00} | {st.P90:0.00} | {st.P99:0.00} | {st.Max:0.0} | {st.ServerCpuMsPerRequest:0.000} | {st.AzuriteCpuMsPerRequest:0.000} | {(st.LagP99 is { } lag ? lag.ToString("0.00", CultureInfo.InvariantCulture) : "–")} |"));

    private static string Describe(IReadOnlyDictionary<string, long> failures) =>
        failures.Count == 0 ? "none" : string.Join(", ", failures.Select(f => $"{f.Key} × {f.Value}"));

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : "?";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Statistics over one or more measured windows (latencies pooled, counts and times summed).</summary>
public sealed record Stats(long Accepted, long Failed, double RequestsPerSecond, double P50, double P90, double P99, double Max, double ServerCpuMsPerRequest, double AzuriteCpuMsPerRequest, double? LagP99)
{
    public static Stats Of(IReadOnlyList<Measurement> windows)
    {
        var latencies = windows.SelectMany(w => w.Result.LatenciesMs).Order().ToArray();
        var lags = windows.SelectMany(w => w.Result.SendLagMs).Order().ToArray();
        var accepted = windows.Sum(w => w.Result.Accepted);
        return new Stats(
            accepted,
            windows.Sum(w => w.Result.Failed),
            accepted / windows.Sum(w => w.Result.Seconds),
            Percentile(latencies, 50),
            Percentile(latencies, 90),
            Percentile(latencies, 99),
            latencies.Length == 0 ? double.NaN : latencies[^1],
            windows.Sum(w => w.ServerCpuSeconds) * 1000 / accepted,
            windows.Sum(w => w.AzuriteCpuSeconds) * 1000 / accepted,
            lags.Length == 0 ? null : Percentile(lags, 99));
    }

    /// <summary>Nearest rank.</summary>
    private static double Percentile(double[] sorted, double percent) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(percent / 100 * sorted.Length) - 1)];
}
