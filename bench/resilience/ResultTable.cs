using System.Globalization;
using System.Text;

namespace GitLabConnector.Resilience;

/// <summary>Renders the results as the markdown table docs/resilience.md shows.</summary>
public static class ResultTable
{
    public static string Render(IEnumerable<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | events sent | accepted | enriched | duplicates suppressed | lost | doubly processed | republished | 5xx returned | recovery time | result | notes |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var r in results)
        {
            var verdict = r.Skipped ? "skipped" : r.Passed ? "pass" : "FAIL: " + string.Join("; ", r.Failures.DefaultIfEmpty("lost or doubly processed events"));
            text.Append(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Sent} | {r.Accepted} | {r.Enriched} | {r.DuplicatesSuppressed} | {r.Lost} | {r.DoublyProcessed} | {r.Republished} | {r.Status5xx} | {r.Recovery} | {verdict} | {r.Notes.Replace("|", "/", StringComparison.Ordinal)} |");
            text.AppendLine();
        }

        return text.ToString();
    }

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
