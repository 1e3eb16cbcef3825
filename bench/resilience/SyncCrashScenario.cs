using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using GitLabConnector.Tests.Fixtures.FakeGitLab;

namespace GitLabConnector.Resilience;

/// <summary>
/// 8. App crash mid-sync: the fake GitLab lists merge requests and commits of three projects ten per page (the other
/// scenarios' projects have no lists: skipped as gone), merge request
/// enrichment is slowed (300 ms per call) so pages are in flight, a sync is started and, once a quarter of the items
/// are published, the process is SIGKILLed and started again. The killed worker's page messages come back after the
/// visibility timeout and are worked again. Every item must end with exactly one record and at least one publication
/// (a republication of the same event id is the documented at-least-once window); the sync must end <c>done</c>.
/// </summary>
public sealed class SyncCrashScenario : IScenario
{
    private const int Projects = 3;

    public string Name => "8. app SIGKILL mid-sync";

    public async Task<ScenarioResult> RunAsync(SuiteEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var mode = environment.Mode;
        var state = environment.GitLab.State;
        var perProject = Math.Max(20, mode.CrashEvents / 5);
        var total = Seed(state, perProject);
        environment.GitLab.Faults.DelayNext(total * 8, TimeSpan.FromMilliseconds(300), "/merge_requests/");
        using var connector = await ConnectorUnderTest.StartAsync(environment, "sync-crash", null, cancellationToken);
        using var admin = connector.NewAdmin();
        var audit = connector.NewAudit();
        var failures = new List<string>();
        try
        {
            var syncId = await admin.StartSyncAsync(connector.ConnectionId, "2020-01-01T00:00:00Z", cancellationToken);
            var wait = Stopwatch.StartNew();
            var beforeKill = 0;
            while (wait.Elapsed < mode.DrainTimeout && (beforeKill = await audit.RecordCountAsync(cancellationToken)) < total / 4)
            {
                await Task.Delay(200, cancellationToken);
            }

            var killedAt = Stopwatch.StartNew();
            connector.Process.Kill();
            await connector.RestartAsync(cancellationToken);
            var restart = killedAt.Elapsed;

            var status = await admin.SyncStatusAsync(connector.ConnectionId, syncId, cancellationToken);
            while (killedAt.Elapsed < mode.DrainTimeout && status.Status is "queued" or "running")
            {
                await Task.Delay(1000, cancellationToken);
                status = await admin.SyncStatusAsync(connector.ConnectionId, syncId, cancellationToken);
            }

            var recovered = killedAt.Elapsed;
            await Task.Delay(1500, cancellationToken);
            var records = await audit.RecordCountAsync(cancellationToken);
            var publications = await audit.PublicationsAsync(cancellationToken);
            if (status.Status != "done")
            {
                failures.Add($"sync ended {status.Status}: {status.Error}");
            }

            if (publications.Count < total)
            {
                failures.Add($"{total - publications.Count} items never published");
            }

            return new ScenarioResult
            {
                Scenario = Name,
                Sent = total,
                Accepted = total,
                Enriched = Math.Min(records, total),
                Lost = Math.Max(0, total - records),
                DoublyProcessed = Math.Max(0, records - total),
                Republished = publications.Values.Count(n => n > 1),
                Recovery = $"{ResultTable.Seconds(recovered)} kill → sync done (restart {ResultTable.Seconds(restart)})",
                Notes = $"{total} items in {Projects} projects, 10 per page; killed with {beforeKill}/{total} published; sync counts published {status.Published}, already known {status.AlreadyKnown}",
                Failures = [.. failures, .. Lost(records, total)],
            };
        }
        finally
        {
            environment.GitLab.Faults.Clear();
            state.MaxPerPage = 100;
        }
    }

    private static IEnumerable<string> Lost(int records, int total) =>
        records == total ? [] : [records < total ? $"{total - records} items without a record" : $"{records - total} items with more than one record"];

    /// <summary>Per project: <paramref name="perProject"/> merge requests and half as many commits; no issues or pipelines.</summary>
    private static int Seed(FakeGitLabState state, int perProject)
    {
        state.MaxPerPage = 10;
        var projects = Enumerable.Range(1, Projects).Select(i => 9100L + i).ToList();
        foreach (var project in projects)
        {
            state.AddProject(project, new JsonObject { ["path_with_namespace"] = $"sync/p{project}", ["web_url"] = $"https://gitlab.example.com/sync/p{project}" });
            state.SetList($"/projects/{project}/merge_requests", Enumerable.Range(1, perProject).Select(iid => new JsonObject
            {
                ["id"] = (project * 10_000) + iid,
                ["iid"] = iid,
                ["title"] = $"SYNC-{iid} change",
                ["state"] = "opened",
                ["source_branch"] = $"b{iid}",
                ["target_branch"] = "main",
                ["sha"] = $"{project}{iid:D6}",
                ["updated_at"] = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(iid).ToString("O", CultureInfo.InvariantCulture),
            }));
            state.SetList($"/projects/{project}/repository/commits", Enumerable.Range(1, perProject / 2).Select(n => new JsonObject
            {
                ["id"] = $"{project:D8}{n:D32}",
                ["title"] = $"SYNC-{n} commit",
                ["message"] = $"SYNC-{n} commit",
                ["committed_date"] = new DateTimeOffset(2021, 1, 2, 0, 0, 0, TimeSpan.Zero).AddMinutes(n).ToString("O", CultureInfo.InvariantCulture),
                ["stats"] = new JsonObject { ["additions"] = n, ["deletions"] = 1 },
            }));
            state.SetList($"/projects/{project}/issues", []);
            state.SetList($"/projects/{project}/pipelines", []);
        }

        return Projects * (perProject + (perProject / 2));
    }
}
