using System.Diagnostics;
using System.Globalization;
using GitLabConnector.Resilience;

// Usage: GitLabConnector.Resilience --short|--long [--only 1,3,7] [--seed N] [--out table.md]
var mode = args.Contains("--long") ? SuiteMode.Long : SuiteMode.Short;
var only = Option("--only")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToHashSet();
var seed = int.Parse(Option("--seed") ?? "20260101", CultureInfo.InvariantCulture);
var output = Option("--out");

IScenario[] scenarios =
[
    new StorageOutageScenario(),
    new AppCrashScenario(),
    new GitLabFaultsScenario(),
    new KeyVaultOutageScenario(),
    new DuplicateStormScenario(),
    new SoakScenario(),
    new FuzzScenario(seed),
    new SyncCrashScenario(),
];

// A hard ceiling so a hung scenario fails the run instead of blocking CI.
using var deadline = new CancellationTokenSource(mode.RunTimeout);
var total = Stopwatch.StartNew();
var results = new List<ScenarioResult>();
Console.WriteLine($"resilience suite, {mode.Name} mode");
await using (var environment = await SuiteEnvironment.StartAsync(mode))
{
    Console.WriteLine($"  working folder {environment.Root}");
    for (var i = 0; i < scenarios.Length; i++)
    {
        var scenario = scenarios[i];
        if (only is not null && !only.Contains(i + 1))
        {
            continue;
        }

        var clock = Stopwatch.StartNew();
        Console.WriteLine($"▶ {scenario.Name}");
        ScenarioResult result;
        try
        {
            await environment.UseFreshStorageAsync(scenario.NeedsPersistentStorage);
            result = await scenario.RunAsync(environment, deadline.Token);
        }
        catch (Exception e)
        {
            Console.WriteLine(e);
            result = ScenarioRows.Crashed(scenario.Name, e);
        }

        results.Add(result);
        Console.WriteLine($"  {(result.Skipped ? "skipped" : result.Passed ? "pass" : "FAIL")} in {ResultTable.Seconds(clock.Elapsed)}: {string.Join("; ", result.Failures)} {result.Notes}");
    }
}

var table = ResultTable.Render(results);
Console.WriteLine();
Console.WriteLine(table);
var passed = results.All(r => r.Skipped || r.Passed);
Console.WriteLine($"resilience: {(passed ? "pass" : "FAIL")} ({mode.Name} mode, {ResultTable.Seconds(total.Elapsed)})");
if (output is not null)
{
    await File.WriteAllTextAsync(output, table);
}

return passed ? 0 : 1;

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
