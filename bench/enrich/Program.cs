using System.Globalization;
using System.Text;
using GitLabConnector.Bench.Enrich;
using GitLabConnector.Tests.Fixtures;

// Usage: dotnet run -c Release --project bench/enrich -- [--quick] [--events N] [--limited-events N] [--limit N] [--window SECONDS] [--batch N] [--out FILE]
var options = BenchOptions.Parse(args);
Console.WriteLine($"enrich benchmark: {options.Events} events, budget {options.Limit} requests per {options.Window.TotalSeconds:0.#} s, batch {options.Batch}");

using var azurite = AzuriteFixture.StartNew();
var baseline = await BenchRun.RunAsync(azurite, new BenchPhase("baseline", null, options.Window), options.Events, options.Batch);
Console.WriteLine($"baseline: {baseline.Enriched}/{baseline.Events} in {baseline.Elapsed.TotalSeconds:0.0} s");
var limited = await BenchRun.RunAsync(azurite, new BenchPhase("limited", options.Limit, options.Window), options.LimitedEvents, options.Batch);
Console.WriteLine($"limited:  {limited.Enriched}/{limited.Events} in {limited.Elapsed.TotalSeconds:0.0} s");

var report = BenchReport.Markdown(options, baseline, limited);
Console.WriteLine();
Console.WriteLine(report);
if (options.Out is { } path)
{
    await File.WriteAllTextAsync(path, report, Encoding.UTF8);
    Console.WriteLine($"written to {path}");
}

return limited.Enriched == options.LimitedEvents && baseline.Enriched == options.Events ? 0 : 1;

/// <param name="LimitedEvents">Events of the rate-limited phase (default: as many as the baseline's).</param>
internal sealed record BenchOptions(int Events, int LimitedEvents, int Limit, TimeSpan Window, int Batch, string? Out, string CommandLine)
{
    public static BenchOptions Parse(string[] args)
    {
        var events = 5000;
        int? limitedEvents = null;
        var limit = 2000;
        var window = TimeSpan.FromSeconds(6);
        var batch = 32;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    events = 300;
                    break;
                case "--events":
                    events = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--limited-events":
                    limitedEvents = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--limit":
                    limit = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--window":
                    window = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--batch":
                    batch = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = args[++i];
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]}; see the usage line in bench/enrich/Program.cs");
            }
        }

        var command = "dotnet run -c Release --project bench/enrich --" + string.Concat(args.Select(a => " " + a));
        return new BenchOptions(events, limitedEvents ?? events, limit, window, batch, output, command);
    }
}
