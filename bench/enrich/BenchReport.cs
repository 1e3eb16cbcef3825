using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace GitLabConnector.Bench.Enrich;

/// <summary>The Markdown results page (docs/benchmarks/enrich.md).</summary>
internal static class BenchReport
{
    public static string Markdown(BenchOptions options, BenchResult baseline, BenchResult limited)
    {
        var text = new StringBuilder();
        Line(text, "# Benchmark: enrich");
        Line(text);
        Line(text, $"{options.Events:N0}{(options.LimitedEvents != options.Events ? $" (rate-limited phase: {options.LimitedEvents:N0})" : "")} mixed events (merge request 40 %, note 20 %, push 15 %, pipeline 15 %, issue 10 %; merge requests cycle over {BenchEventMix.MergeRequestIids} iids so caches warm) are put on the events queue, then the whole app runs in standalone mode with its queue consumer (batch {options.Batch}) against Azurite and the fake GitLab. " +
            $"Time-compressed rate budget: the fake GitLab allows {options.Limit:N0} requests per {options.Window.TotalSeconds:0.#} s window per token and answers 429 with Retry-After/RateLimit-Reset beyond it; the connector's client budget is configured to match (`Connector:GitLab:RequestsPerMinute={options.Limit}`, `Connector:GitLab:RateWindow={options.Window:c}`). " +
            "The baseline is the same mix with no budget on either side.");
        Line(text);
        Line(text, $"Reproduce: `{options.CommandLine}` (add `--out docs/benchmarks/enrich.md` to rewrite this page). Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
        Line(text);
        Line(text, "| | baseline (no budget) | rate-limited |");
        Line(text, "|---|---:|---:|");
        Row(text, "events enriched", $"{baseline.Enriched:N0} / {baseline.Events:N0}", $"{limited.Enriched:N0} / {limited.Events:N0}");
        Row(text, "poisoned", Int(baseline.Poisoned), Int(limited.Poisoned));
        Row(text, "records on the enriched queue / distinct eventIds", $"{baseline.Records:N0} / {baseline.DistinctEventIds:N0}", $"{limited.Records:N0} / {limited.DistinctEventIds:N0}");
        Row(text, "total time", $"{baseline.Elapsed.TotalSeconds:0.0} s", $"{limited.Elapsed.TotalSeconds:0.0} s");
        Row(text, "events/s", $"{baseline.EventsPerSecond:0.0}", $"{limited.EventsPerSecond:0.0}");
        Row(text, "GitLab API calls served", Int(baseline.Granted.Count), Int(limited.Granted.Count));
        Row(text, "API calls/s", $"{baseline.ApiCallsPerSecond:0.0}", $"{limited.ApiCallsPerSecond:0.0}");
        Row(text, "rate budget/s", "–", $"{limited.BudgetPerSecond:0.0}");
        Row(text, "throughput ÷ budget (goal ≥ 0.9)", "–", $"{limited.BudgetFraction:0.00}");
        Row(text, "429s in the first window (warm-up)", Int(baseline.RateLimited.WarmUp), Int(limited.RateLimited.WarmUp));
        Row(text, "429s after warm-up (goal 0)", Int(baseline.RateLimited.After), Int(limited.RateLimited.After));
        Row(text, "rate-limited events/s ÷ baseline events/s", "–", $"{limited.EventsPerSecond / baseline.EventsPerSecond:0.00}");
        Line(text);
        Line(text, "API calls per event by kind (calls to the routes each kind reads, ÷ events of that kind; user lookups are shared):");
        Line(text);
        Line(text, "| kind | events | calls/event baseline | calls/event rate-limited |");
        Line(text, "|---|---:|---:|---:|");
        foreach (var kind in BenchEventMix.Kinds)
        {
            var (baselineEvents, events) = (baseline.EventsByKind[kind], limited.EventsByKind[kind]);
            var count = baselineEvents == events ? Int(events) : $"{Int(baselineEvents)} / {Int(events)}";
            Row(text, kind, count, PerEvent(baseline.CallsFor(kind), baselineEvents), PerEvent(limited.CallsFor(kind), events));
        }

        Row(text, "user lookups (all kinds)", Int(limited.Events), PerEvent(baseline.CallsFor("user lookups"), baseline.Events), PerEvent(limited.CallsFor("user lookups"), limited.Events));
        Row(text, "merge_request, warm caches (goal ≤ 3)", "–", $"{baseline.WarmMergeRequestCallsPerEvent:0.00}", $"{limited.WarmMergeRequestCallsPerEvent:0.00}");
        Line(text);
        Line(text, "Calls by route (rate-limited run):");
        Line(text);
        Line(text, "| route | calls |");
        Line(text, "|---|---:|");
        foreach (var (route, count) in limited.CallsByRoute)
        {
            Row(text, $"`{route}`", Int(count));
        }

        return text.ToString();
    }

    private static string PerEvent(int calls, int events) => events == 0 ? "–" : (calls / (double)events).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder text, params string[] cells) => Line(text, "| " + string.Join(" | ", cells) + " |");

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
