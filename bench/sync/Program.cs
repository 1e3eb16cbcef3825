using System.Globalization;
using System.Text;
using GitLabConnector.Bench.Sync;
using GitLabConnector.Tests.Fixtures;

// Usage: dotnet run -c Release --project bench/sync -- [--quick] [--projects N] [--merge-requests N] [--issues N] [--pipelines N]
//        [--commits N] [--limit N] [--window SECONDS] [--webhook-every SECONDS] [--baseline-webhooks N] [--batch N] [--out FILE]
var options = SyncBenchOptions.Parse(args);
var load = SyncBenchReport.LoadAverage();
Console.WriteLine($"sync benchmark: {options.MergeRequests:N0} merge requests, {options.Issues:N0} issues, {options.Pipelines:N0} pipelines, {options.Commits:N0} commits in {options.Projects} projects; budget {options.Limit:N0} requests per {options.Window.TotalSeconds:0.#} s; load {load}");

using var azurite = AzuriteFixture.StartNew();
var result = await SyncBenchRun.RunAsync(azurite, options);
var report = SyncBenchReport.Markdown(result, load, SyncBenchReport.LoadAverage());
Console.WriteLine();
Console.WriteLine(report);
if (options.Out is { } path)
{
    await File.WriteAllTextAsync(path, report, Encoding.UTF8);
    Console.WriteLine($"written to {path}");
}

return result.Status.GetProperty("status").GetString() == "done" && result.Duplicates == 0 ? 0 : 1;

internal sealed record SyncBenchOptions(
    int Projects, int MergeRequests, int Issues, int Pipelines, int Commits, int Limit, TimeSpan Window,
    TimeSpan WebhookEvery, int BaselineWebhooks, int Batch, string? Out, string CommandLine)
{
    public static SyncBenchOptions Parse(string[] args)
    {
        // GitLab.com: 2,000 authenticated API requests per minute.
        var o = new SyncBenchOptions(50, 10_000, 2_000, 1_000, 1_000, 2_000, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2), 30, 16, null,
            "dotnet run -c Release --project bench/sync -- " + string.Join(' ', args));
        for (var i = 0; i < args.Length; i++)
        {
            o = args[i] switch
            {
                "--quick" => o with { Projects = 5, MergeRequests = 200, Issues = 50, Pipelines = 20, Commits = 20, Limit = 200, Window = TimeSpan.FromSeconds(6), BaselineWebhooks = 5, WebhookEvery = TimeSpan.FromSeconds(1) },
                "--projects" => o with { Projects = Int(args[++i]) },
                "--merge-requests" => o with { MergeRequests = Int(args[++i]) },
                "--issues" => o with { Issues = Int(args[++i]) },
                "--pipelines" => o with { Pipelines = Int(args[++i]) },
                "--commits" => o with { Commits = Int(args[++i]) },
                "--limit" => o with { Limit = Int(args[++i]) },
                "--window" => o with { Window = Seconds(args[++i]) },
                "--webhook-every" => o with { WebhookEvery = Seconds(args[++i]) },
                "--baseline-webhooks" => o with { BaselineWebhooks = Int(args[++i]) },
                "--batch" => o with { Batch = Int(args[++i]) },
                "--out" => o with { Out = args[++i] },
                var unknown => throw new ArgumentException($"unknown option {unknown}"),
            };
        }

        return o;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));
}
