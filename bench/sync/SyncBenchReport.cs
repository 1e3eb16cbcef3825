using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace GitLabConnector.Bench.Sync;

/// <summary>The Markdown results page (docs/benchmarks/sync.md).</summary>
internal static class SyncBenchReport
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    public static string Markdown(SyncBenchResult r, string loadBefore, string loadAfter)
    {
        var o = r.Options;
        var counts = r.Status.GetProperty("counts");
        var text = new StringBuilder();
        Line(text, "# Benchmark: sync (\"fetch now\")");
        Line(text);
        Line(text, $"{o.MergeRequests:N0} merge requests, {o.Issues:N0} issues, {o.Pipelines:N0} pipelines and {o.Commits:N0} default-branch commits across {o.Projects} projects, " +
            $"all changed since the sync's `since`, served by the fake GitLab (100 per page) with a budget of {o.Limit:N0} requests per {o.Window.TotalSeconds:0.#} s per token (429 with Retry-After beyond it) and the connector's client budget set to match. " +
            "The app runs in standalone mode with its queue consumers against Azurite. First a stream of merge request webhook events alone " +
            $"({o.BaselineWebhooks} events, one every {o.WebhookEvery.TotalSeconds:0.#} s: the latency baseline), then `POST /sync` while the same stream keeps running; the sync is timed from the POST to its status `done`. " +
            "The budget's floor is the GitLab calls served during the sync (sync and webhook alike) ÷ the allowed rate.");
        Line(text);
        Line(text, $"Reproduce: `{o.CommandLine}`. Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; load average (1 min) {loadBefore} before, {loadAfter} after.");
        Line(text);
        Line(text, "| | result |");
        Line(text, "|---|---:|");
        Row(text, "sync status", r.Status.GetProperty("status").GetString() ?? "?");
        Row(text, "counts", $"`{counts.GetRawText()}`");
        Row(text, "sync records on the enriched queue / duplicates", $"{r.SyncRecords:N0} / {r.Duplicates:N0}");
        Row(text, "wall time", $"{r.SyncWall.TotalSeconds:0.0} s");
        Row(text, "GitLab calls served during the sync", $"{r.Granted:N0}");
        Row(text, "budget floor (calls ÷ allowed rate)", $"{r.BudgetFloor.TotalSeconds:0.0} s");
        Row(text, "budget used = floor ÷ wall (goal ≥ 0.8)", $"{r.BudgetUsed:0.00}");
        Row(text, "429s in the first window / after it (goal 0)", $"{r.RateLimited.WarmUp} / {r.RateLimited.After}");
        Row(text, "webhook enrichment latency alone, p50 / p95", $"{Ms(r.BaselineLatencies, 0.5)} / {Ms(r.BaselineLatencies, 0.95)} ({r.BaselineLatencies.Count} events)");
        Row(text, "webhook enrichment latency during the sync, p50 / p95", $"{Ms(r.DuringSyncLatencies, 0.5)} / {Ms(r.DuringSyncLatencies, 0.95)} ({r.DuringSyncLatencies.Count} events)");
        Row(text, "during ÷ alone, p50 / p95 (goal ≤ 1.5)", $"{Ratio(r.DuringSyncLatencies, r.BaselineLatencies, 0.5)} / {Ratio(r.DuringSyncLatencies, r.BaselineLatencies, 0.95)}");
        foreach (var m in r.Memory)
        {
            Row(text, $"memory at {m.When}: working set / managed heap", $"{m.WorkingSet / 1048576.0:0} MiB / {m.ManagedHeap / 1048576.0:0} MiB");
        }

        Line(text);
        Line(text, "Memory is this one process: the app, the fake GitLab with everything it serves, and the bench's queue reader.");
        Line(text);
        Line(text, "Calls by route during the sync:");
        Line(text);
        Line(text, "| route | calls |");
        Line(text, "|---|---:|");
        foreach (var (route, calls) in r.CallsByRoute)
        {
            Row(text, $"`{route}`", calls.ToString("N0", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Ms(IReadOnlyList<TimeSpan> sorted, double p) =>
        Percentile(sorted, p) is { } value ? $"{value.TotalMilliseconds:0} ms" : "–";

    private static string Ratio(IReadOnlyList<TimeSpan> during, IReadOnlyList<TimeSpan> alone, double p) =>
        Percentile(during, p) is { } d && Percentile(alone, p) is { } a && a > TimeSpan.Zero ? (d / a).ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static void Row(StringBuilder text, params string[] cells) => Line(text, "| " + string.Join(" | ", cells) + " |");

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
